"""State names as real exports write them, resolved to ISO 3166-1 alpha-3 codes."""
from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field

import polars as pl

from sp_data import local_names

# Common variants of United Nations short names. Each is matched exactly (after `key`), never
# approximately: a close spelling is only ever suggested, so "Republic of Korea" can never be taken
# for "Democratic People's Republic of Korea". An alias is used only when its State is in the table.
ALIASES: dict[str, tuple[str, ...]] = {
    "BOL": ("Bolivia",),
    "BRN": ("Brunei",),
    "CIV": ("Cote d'Ivoire", "Ivory Coast"),
    "COM": ("Union of the Comoros",),
    "COD": ("DR Congo", "DRC", "Democratic Republic of Congo", "Congo, Democratic Republic of the",
            "Congo (Democratic Republic of the)", "Congo-Kinshasa"),
    "COG": ("Republic of the Congo", "Congo, Republic of the", "Congo-Brazzaville"),
    "CPV": ("Cape Verde",),
    "CZE": ("Czech Republic",),
    "FSM": ("Micronesia",),
    "GBR": ("United Kingdom", "UK", "U.K.", "Great Britain", "Britain"),
    "IRN": ("Iran", "Islamic Republic of Iran", "Iran, Islamic Republic of"),
    "KGZ": ("Kyrgyz Republic",),
    "KOR": ("South Korea", "Korea, Republic of", "Korea (Republic of)", "Korea, South"),
    "LAO": ("Laos", "Lao PDR", "Lao"),
    "MDA": ("Moldova", "Moldova, Republic of"),
    "MKD": ("Macedonia", "The former Yugoslav Republic of Macedonia", "FYROM", "Republic of North Macedonia"),
    "MMR": ("Burma", "Republic of the Union of Myanmar"),
    "NLD": ("Netherlands", "Holland", "Kingdom of the Netherlands"),
    "PRK": ("North Korea", "DPRK", "DPR Korea", "Korea DPR", "Korea, Democratic People's Republic of",
            "Korea (Democratic People's Republic of)", "Korea, North", "Korea, Dem. People's Rep."),
    "PSE": ("Palestine", "Palestine, State of"),
    "RUS": ("Russia",),
    "SVK": ("Slovak Republic",),
    "SWZ": ("Swaziland", "Kingdom of Eswatini"),
    "SYR": ("Syria",),
    "TLS": ("East Timor",),
    "TUR": ("Turkey", "Turkiye", "Republic of Türkiye", "Republic of Turkey"),
    "TZA": ("Tanzania", "Tanzania, United Republic of"),
    "USA": ("United States", "US", "U.S.", "U.S.A.", "United States of America (the)"),
    "VAT": ("Vatican", "Vatican City", "Vatican City State", "Holy See (Vatican City State)"),
    "VEN": ("Venezuela",),
    "VNM": ("Vietnam", "Socialist Republic of Viet Nam"),
    "ARE": ("UAE",),
    "GMB": ("The Gambia",),
    "BHS": ("The Bahamas",),
}

# Common and former names in French and Spanish, matched exactly like ALIASES. The United Nations' own
# names in those languages come from the reference table (sp_data/reference/state_names.csv).
LOCAL_ALIASES: dict[str, tuple[str, ...]] = {
    "BLR": ("Biélorussie", "Bielorrusia"),
    "CIV": ("Costa de Marfil",),
    "COD": ("RDC", "RD Congo"),
    "CPV": ("Cap-Vert",),
    "CZE": ("République tchèque", "República Checa"),
    "GBR": ("Royaume-Uni", "Grande-Bretagne", "Reino Unido", "Gran Bretaña"),
    "KGZ": ("Kirghizstan",),
    "KOR": ("Corée du Sud", "Corea del Sur"),
    "MDA": ("Moldavie", "Moldavia"),
    "MKD": ("Macédoine", "ex-République yougoslave de Macédoine", "ex República Yugoslava de Macedonia"),
    "MMR": ("Birmanie", "Birmania"),
    "NLD": ("Hollande", "Holanda"),
    "PRK": ("Corée du Nord", "Corea del Norte", "RPDC"),
    "PSE": ("Palestina",),
    "RUS": ("Russie", "Rusia"),
    "SWZ": ("Suazilandia",),
    "SYR": ("Syrie", "Siria"),
    "TLS": ("Timor oriental",),
    "TUR": ("Turquie", "Turquía"),
    "TZA": ("Tanzanie", "Tanzanía"),
    "USA": ("États-Unis", "Estados Unidos", "EE. UU.", "EEUU"),
    "VAT": ("Cité du Vatican", "Ciudad del Vaticano", "Vaticano"),
    "VNM": ("Viêt-nam", "Viêt Nam"),
}

# Hosts of country visits that are not States: (host_kind, name, administering State or None).
HOSTS: dict[str, tuple[str, str, str | None]] = {
    "Kosovo": ("territory", "Kosovo", None),
    "Greenland": ("territory", "Greenland", "DNK"),
    "New Caledonia": ("territory", "New Caledonia", "FRA"),
    "Puerto Rico": ("territory", "Puerto Rico", "USA"),
    "Hong Kong": ("territory", "Hong Kong, China", "CHN"),
    "Hong Kong, China": ("territory", "Hong Kong, China", "CHN"),
    "Macao, China": ("territory", "Macao, China", "CHN"),
    "World Bank": ("institution", "World Bank", None),
    "International Monetary Fund": ("institution", "International Monetary Fund", None),
    "IMF": ("institution", "International Monetary Fund", None),
    "European Union": ("institution", "European Union", None),
    "EU": ("institution", "European Union", None),
    "World Trade Organization": ("institution", "World Trade Organization", None),
    "WTO": ("institution", "World Trade Organization", None),
}

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'", "\u00a0": " "})


def words(text: str) -> str:
    """Lower-case words without accents, punctuation or 'the'; 'St' and '&' spelled out."""
    text = unicodedata.normalize("NFKD", str(text).translate(_QUOTES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = text.replace("&", " and ").replace("'", "")
    tokens = re.sub(r"[^a-z0-9]+", " ", text).split()
    tokens = ["saint" if t == "st" else t for t in tokens if t != "the"]
    return " ".join(tokens)


def key(text: str) -> str:
    """The form in which two spellings of a name are compared: `words` without the spaces."""
    return words(text).replace(" ", "")


def _derived(name: str) -> list[str]:
    """A UN name's own variants: 'Bolivia (Plurinational State of)' also as 'Bolivia' and
    'Plurinational State of Bolivia'."""
    match = re.fullmatch(r"(.+?)\s*\((.+)\)", name)
    if not match:
        return [name]
    short, qualifier = match.group(1), match.group(2)
    return [name, short, f"{qualifier} {short}"]


@dataclass
class StateNames:
    """Exact lookup of State names and codes, with closest-match suggestions for the rest."""

    names: dict[str, str]  # iso3 -> United Nations name
    index: dict[str, set[str]] = field(default_factory=dict)  # key -> iso3 codes
    shown: dict[str, str] = field(default_factory=dict)  # key -> a spelling that produces it
    english: set[str] = field(default_factory=set)  # the keys of English spellings (closest() suggests these)

    @classmethod
    def from_table(cls, states: pl.DataFrame, local: dict[str, dict[str, str]] | None = None) -> StateNames:
        """Names from a states table (iso3, name), the United Nations' names in French and Spanish
        (local: iso3 -> {language: name}; by default the reference table's), and the curated aliases."""
        out = cls(dict(zip(states["iso3"].to_list(), states["name"].to_list(), strict=True)))
        local = local_names.translations() if local is None else local
        for iso3, name in out.names.items():
            for variant in _derived(name) + list(ALIASES.get(iso3, ())):
                out._add(variant, iso3)
                out.english.add(key(variant))
            translated = [n for n in local.get(iso3, {}).values() if n]
            for variant in [v for n in translated for v in _derived(n)] + list(LOCAL_ALIASES.get(iso3, ())):
                out._add(variant, iso3)
        return out

    def _add(self, spelling: str, iso3: str) -> None:
        k = key(spelling)
        if k:
            self.index.setdefault(k, set()).add(iso3)
            self.shown.setdefault(k, spelling)

    def resolve(self, text: str | None) -> str | None:
        """The iso3 of a State written as its code, UN name or a known variant; else None."""
        if text is None or not str(text).strip():
            return None
        raw = str(text).strip()
        if re.fullmatch(r"[A-Za-z]{3}", raw) and raw.upper() in self.names:
            return raw.upper()
        found = self.index.get(key(raw), set())
        return next(iter(found)) if len(found) == 1 else None

    def variants(self, iso3: str) -> list[str]:
        """Every spelling under which a State is known here."""
        return [self.shown[k] for k, codes in self.index.items() if iso3 in codes]

    def closest(self, text: str, n: int = 3) -> list[str]:
        """The States whose names are nearest to text, as 'Name (ISO)', best first."""
        k, spaced = key(text), words(text)
        found: list[str] = []
        # A name contained in another ("Korea") suggests every State whose name holds it.
        if len(spaced) >= 4:
            for iso3, name in sorted(self.names.items(), key=lambda item: item[1]):
                if re.search(rf"\b{re.escape(spaced)}\b", words(name)):
                    found.append(iso3)
        # Only English spellings: names in three languages would make loose look-alikes ("Korea", "Noruega").
        for match in difflib.get_close_matches(k, sorted(self.english), n=n * 2, cutoff=0.6):
            found.extend(sorted(self.index[match]))
        unique = list(dict.fromkeys(found))[:n]
        return [f"{self.names[c]} ({c})" for c in unique]
