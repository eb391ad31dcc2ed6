"""Placeholder page (being built)."""
import streamlit as st

from ui import components as ui
from ui.state import current

view = current()
ui.header(view, "Coming soon")
