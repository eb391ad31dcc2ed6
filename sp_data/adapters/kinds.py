"""The adapters by the kind of export they read, in the order an upload tries them."""
from __future__ import annotations

from sp_data.adapters import communications, standing_invitations, visits
from sp_data.adapters.run import Adapter

ADAPTERS: dict[str, Adapter] = {
    "communications": communications.ADAPTER,
    "visits": visits.ADAPTER,
    "standing_invitations": standing_invitations.ADAPTER,
}
