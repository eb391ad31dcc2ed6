"""App-side helpers for the Streamlit pages: caching, shared filters, components."""
