"""Every query file states its question, definition, grain and parameters, and binds only documented values."""
import pytest

from sp_data.queries import HEADER_FIELDS, all_queries, load

QUERIES = all_queries()


def test_there_are_query_files():
    names = {q.name for q in QUERIES}
    assert {"states", "facts_states", "facts_mandates", "facts_visits", "facts_communications",
            "thread_status", "state_cooperation", "calendar"} <= names


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: str(q.path.relative_to(q.path.parents[1])))
def test_query_file_has_the_header(query):
    missing = [f for f in HEADER_FIELDS if not query.header.get(f)]
    assert not missing, f"{query.path.name}: header lacks {missing}"
    assert query.header.get("name") == query.name, f"{query.path.name}: '-- name:' must be the file's name"


@pytest.mark.parametrize("query", [q for q in QUERIES if q.params], ids=lambda q: q.name)
def test_every_parameter_is_documented(query):
    documented = query.header["parameters"]
    for param in query.params:
        assert f"${param}" in documented, f"{query.name}: ${param} is not described in '-- parameters:'"


def test_run_refuses_a_missing_parameter(demo_db):
    from sp_data.queries import run

    with pytest.raises(TypeError, match=r"query states needs parameter\(s\) as_at, regions, threshold"):
        run(demo_db, "states")
    assert load("states").params == ("as_at", "regions", "threshold")
