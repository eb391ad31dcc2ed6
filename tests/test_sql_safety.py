"""No user value reaches SQL except as a bound parameter, and SQL cannot reach the file system."""
from __future__ import annotations

import ast
import datetime as dt
import re
from pathlib import Path

import duckdb
import pytest

from sp_data.db import DERIVED_TABLES, connect
from sp_data.params import FilterError, Filters, parse_date
from sp_data.paths import PROJECT_ROOT, QUERIES_DIR
from sp_data.queries import all_queries, parse, run
from sp_data.schema import TABLE_ORDER
from sp_data.snapshot import open_snapshot

DEMO = PROJECT_ROOT / "parquet" / "demo"

# ---------------------------------------------------------------------------------------------
# (a) Static: SQL text is never built by formatting

SQL_METHODS = {"execute", "executemany", "sql", "query", "from_query", "read_sql", "read_database", "execute_sql"}
SQL_KEYWORDS = ("query", "sql", "statement")
SCANNED = ("sp_data", "pages", "ui", "app.py")


def _python_files() -> list[Path]:
    files = []
    for name in SCANNED:
        path = PROJECT_ROOT / name
        files += [path] if path.is_file() else sorted(path.rglob("*.py")) if path.is_dir() else []
    return files


def _literal_strings(node: ast.AST) -> list[str] | None:
    """The strings a `for` iterable of literals yields at one tuple position, else None."""
    if isinstance(node, (ast.Tuple, ast.List)):
        return [e.value if isinstance(e, ast.Constant) else None for e in node.elts]
    return None


FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)


def _own_nodes(scope: ast.AST):
    """The nodes of a module or function, without those of the functions nested in it."""
    stack = list(ast.iter_child_nodes(scope))
    while stack:
        node = stack.pop()
        yield node
        if not isinstance(node, FUNCTIONS):
            stack.extend(ast.iter_child_nodes(node))


class _Scope:
    """Names bound in one function (or the module): to what values, and which are fixed literals."""

    def __init__(self, body: ast.AST):
        self.values: dict[str, list[ast.AST]] = {}
        self.fixed: dict[str, bool] = {}
        for node in _own_nodes(body):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        self._bind(target.id, node.value, isinstance(node.value, ast.Constant))
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value:
                self._bind(node.target.id, node.value, isinstance(node.value, ast.Constant))
            elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
                self._bind(node.target.id, ast.BinOp(ast.Name(node.target.id), node.op, node.value), False)
            elif isinstance(node, (ast.For, ast.comprehension)):
                self._bind_loop(node.target, node.iter)

    def _bind(self, name: str, value: ast.AST, fixed: bool) -> None:
        self.values.setdefault(name, []).append(value)
        self.fixed[name] = self.fixed.get(name, True) and fixed

    def _bind_loop(self, target: ast.AST, iterable: ast.AST) -> None:
        """`for x in ("a", "b")` and `for x, y in (("a", ..), ("b", ..))` bind x to literals only."""
        rows = iterable.elts if isinstance(iterable, (ast.Tuple, ast.List)) else None
        if isinstance(target, ast.Name):
            ok = rows is not None and all(isinstance(r, ast.Constant) for r in rows)
            self._bind(target.id, ast.Constant(None), ok)
        elif isinstance(target, ast.Tuple):
            for i, element in enumerate(target.elts):
                if isinstance(element, ast.Name):
                    ok = rows is not None and all(
                        (lits := _literal_strings(r)) is not None and i < len(lits) and lits[i] is not None
                        for r in rows)
                    self._bind(element.id, ast.Constant(None), ok)

    def safe(self, node: ast.AST) -> bool:
        """Whether an expression can only ever be text written in the source."""
        if isinstance(node, ast.Constant):
            return True
        if isinstance(node, ast.Name):
            return self.fixed.get(node.id, False)
        if isinstance(node, ast.JoinedStr):
            return all(self.safe(v.value) for v in node.values if isinstance(v, ast.FormattedValue))
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
            return self.safe(node.left) and self.safe(node.right)
        if isinstance(node, (ast.Tuple, ast.List)):
            return all(self.safe(e) for e in node.elts)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
            return self.safe(node.func.value) and all(self.safe(a) for a in node.args) and all(
                self.safe(k.value) for k in node.keywords)
        return False

    def built(self, node: ast.AST, seen: frozenset = frozenset()) -> bool:
        """Whether an expression builds text by formatting from a value that is not a fixed literal."""
        if isinstance(node, ast.Name) and node.id not in seen:
            return any(self.built(v, seen | {node.id}) for v in self.values.get(node.id, []))
        formatting = (
            isinstance(node, ast.JoinedStr)
            or (isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)))
            or (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format")
        )
        return formatting and not self.safe(node)


def _sql_argument(call: ast.Call) -> ast.AST | None:
    if call.args:
        return call.args[0]
    return next((k.value for k in call.keywords if k.arg in SQL_KEYWORDS), None)


def formatted_sql_calls(source: str, filename: str = "<string>") -> list[int]:
    """Line numbers of SQL calls whose text is built by f-string, .format, % or + from non-literals."""
    tree = ast.parse(source, filename)
    lines = []
    for scope_node in [tree] + [n for n in ast.walk(tree) if isinstance(n, FUNCTIONS)]:
        scope = _Scope(scope_node)
        for node in _own_nodes(scope_node):
            if not (isinstance(node, ast.Call) and isinstance(node.func, (ast.Attribute, ast.Name))):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id
            argument = _sql_argument(node)
            if name in SQL_METHODS and argument is not None and scope.built(argument):
                lines.append(node.lineno)
    return sorted(set(lines))


@pytest.mark.parametrize("code", [
    'con.execute(f"SELECT * FROM states WHERE iso3 = \'{iso3}\'")',
    'con.sql("SELECT * FROM states WHERE iso3 = \'{}\'".format(iso3))',
    'cur.execute("SELECT * FROM states WHERE iso3 = \'%s\'" % iso3)',
    'duckdb.sql("SELECT * FROM " + table)',
    'con.query(sql="SELECT " + column)',
    'q = f"SELECT {x}"\ncon.execute(q)',
    'q = "SELECT "\nq += user\ncon.execute(q)',
    'def f(user):\n    text = "SELECT * FROM t WHERE a = " + user\n    return con.cursor().sql(text, params={})',
    'for name in names:\n    con.execute(f"DROP TABLE {name}")',
    'for schema, snap in pairs:\n    con.execute(f"CREATE SCHEMA {schema}")',
])
def test_the_scanner_finds_formatted_sql(code):
    assert formatted_sql_calls(code) != []


@pytest.mark.parametrize("code", [
    'con.execute("SELECT * FROM states WHERE iso3 = $iso3", {"iso3": iso3})',
    'cursor.sql(query.sql, params=bound)',
    'con.execute((QUERIES_DIR / "base" / f"{macro}.sql").read_text())',
    'con.execute("SELECT 1 " + "FROM states")',
    'for schema, snap in (("old", old), ("new", new)):\n    con.execute(f"CREATE SCHEMA {schema}")',
    'print(f"{user}")',
    'label = f"{user}"\nst.write(label)',
])
def test_the_scanner_passes_bound_and_literal_sql(code):
    assert formatted_sql_calls(code) == []


def test_no_python_file_formats_sql():
    files = _python_files()
    assert any(f.name == "queries.py" for f in files)  # the scan really covers sp_data
    found = [f"{f.relative_to(PROJECT_ROOT)}:{line}"
             for f in files for line in formatted_sql_calls(f.read_text(encoding="utf-8"), str(f))]
    assert found == [], "SQL text built by formatting (use bound $parameters): " + ", ".join(found)


# ---------------------------------------------------------------------------------------------
# (b) Every $param of a query is documented in its header

_DOCUMENTED = re.compile(r"\$([a-z_][a-z0-9_]*)")
_TYPED = re.compile(r"\$([a-z_][a-z0-9_]*)\s+([A-Z]+(?:\[\])?)")
QUERIES = [q for q in all_queries() if q.path.parent == QUERIES_DIR]


def test_every_query_file_is_checked():
    assert len(QUERIES) >= 8 and {"facts_states", "states", "data_extent"} <= {q.name for q in QUERIES}


@pytest.mark.parametrize("query", all_queries(), ids=lambda q: str(q.path.relative_to(QUERIES_DIR)))
def test_every_parameter_is_documented_in_the_header(query):
    assert "parameters" in query.header, f"{query.path.name} has no '-- parameters:' header line"
    documented = set(_DOCUMENTED.findall(query.header["parameters"]))
    assert set(query.params) <= documented, f"undocumented: {sorted(set(query.params) - documented)}"
    assert documented <= set(query.params), f"documented but unused: {sorted(documented - set(query.params))}"
    if not query.params:
        assert query.header["parameters"].startswith("none"), query.header["parameters"]
    # Bound parameters only: no positional or Python-style placeholders in the body.
    body = "\n".join(l for l in query.sql.splitlines() if not l.lstrip().startswith("--"))
    assert not re.search(r"%s|%\(|\{[a-z_]+\}", body), query.path.name


@pytest.mark.parametrize("query", all_queries(), ids=lambda q: str(q.path.relative_to(QUERIES_DIR)))
def test_every_query_declares_its_key(query):
    """The columns that identify a row (tests/test_query_keys.py checks them on the demo), or "(one row)"."""
    assert query.header.get("key"), f"{query.path.name} has no '-- key:' header line"
    assert query.key or query.header["key"].startswith(("(one row)", "none")), query.header["key"]


def test_the_parameter_check_can_fail(tmp_path):
    path = tmp_path / "leaky.sql"
    path.write_text("-- name: leaky\n-- parameters: $as_at DATE\nSELECT $as_at, $iso3\n", encoding="utf-8")
    query = parse(path)
    assert set(query.params) - set(_DOCUMENTED.findall(query.header["parameters"])) == {"iso3"}


# ---------------------------------------------------------------------------------------------
# (c) Dynamic: hostile values go in as values and change nothing

AS_AT = dt.date(2023, 12, 31)
INJECTIONS = [
    "AG'; DROP TABLE states; --",
    "IRN' OR '1'='1",
    "'); DELETE FROM communications; --",
    '"; DROP TABLE visits; --',
    "\\'; DROP TABLE replies; --",
    "$as_at",
    "%s",
    "{iso3}",
    "x" * 100_000,
    "Côte d’Ivoire ☃ 🇺🇳",
    "",
]
HOSTILE = {
    "VARCHAR": INJECTIONS,
    "VARCHAR[]": [[INJECTIONS[0]], ["AG", "WEOG'; DROP TABLE states; --"], ["x" * 100_000], INJECTIONS],
    "DATE": [dt.date(1980, 1, 1), dt.date(2100, 12, 31), dt.date(2024, 2, 29)],
    "INTEGER": [1, 1000],
}
DEFAULTS = {"as_at": AS_AT, "regions": [], "threshold": 5, "iso3": "IRN", "mandate": "SR-IRAN",
            "types": [], "from_year": 2019, "to_year": 2023}
TYPE_DEFAULTS = {"VARCHAR": "IRN", "VARCHAR[]": [], "DATE": AS_AT, "INTEGER": 5}
YEARS = [1980, 2100]  # a year parameter is an INTEGER, but a year of the Filters' range


@pytest.fixture(scope="module")
def con():
    """Its own connection to the demo snapshot, so a successful attack could not spoil other tests."""
    connection = connect(open_snapshot(DEMO))
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def pair():
    from sp_data.diff import connect_pair

    snap = open_snapshot(DEMO)
    connection = connect_pair(snap, snap)
    yield connection
    connection.close()


def _state(connection) -> dict:
    """Every table's row count, and the macros defined: what an injection would change."""
    cur = connection.cursor()
    try:
        tables = cur.execute("SELECT schema_name, table_name FROM duckdb_tables() ORDER BY ALL").fetchall()
        counts = {}
        for schema, table in tables:
            # A relation names the table without writing SQL text.
            counts[(schema, table)] = cur.table(f"{schema}.{table}").count("*").fetchall()[0][0]
        macros = cur.execute("SELECT function_name FROM duckdb_functions() WHERE function_type IN "
                             "('macro', 'table_macro') AND NOT internal ORDER BY ALL").fetchall()
        return {"counts": counts, "macros": macros}
    finally:
        cur.close()


def _types(query) -> dict[str, str]:
    types = dict(_TYPED.findall(query.header.get("parameters", "")))
    return {p: types.get(p, "VARCHAR") for p in query.params}


def _cases(query) -> list[tuple[str, object]]:
    """(parameter, hostile value) for each parameter the query binds."""
    cases = []
    for param, kind in _types(query).items():
        values = YEARS if param.endswith("year") else HOSTILE.get(kind, HOSTILE["VARCHAR"])
        cases += [(param, value) for value in values]
    return cases


def test_the_demo_has_all_its_tables(con):
    counts = _state(con)["counts"]
    assert {t for _, t in counts} == set(TABLE_ORDER) | set(DERIVED_TABLES)
    expected = open_snapshot(DEMO).manifest["row_counts"]
    assert {t: n for (_, t), n in counts.items() if t not in DERIVED_TABLES} == expected and expected["states"] == 195


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: q.name)
def test_hostile_values_are_only_ever_values(query, con, pair):
    connection = pair if query.name.startswith("diff_") else con
    before = _state(connection)
    base = {p: DEFAULTS.get(p, TYPE_DEFAULTS.get(kind)) for p, kind in _types(query).items()}
    ran = 0
    for param, value in _cases(query) or [(None, None)]:
        params = dict(base) if param is None else {**base, param: value}
        result = run(connection, query.name, **params)  # returns normally: no error, no injection
        assert result.width > 0
        ran += 1
    assert ran >= 1
    assert _state(connection) == before


def test_a_hostile_region_selects_nothing_rather_than_everything(con):
    everything = run(con, "states", as_at=AS_AT, regions=[], threshold=5)
    hostile = run(con, "states", as_at=AS_AT, regions=["AG' OR '1'='1"], threshold=5)
    african = run(con, "states", as_at=AS_AT, regions=["AG"], threshold=5)
    assert everything.height == 195 and hostile.height == 0 and 0 < african.height < 195
    assert _state(con)["counts"][("main", "states")] == 195


@pytest.mark.parametrize("regions", [("AG'; DROP TABLE states; --",), ("ag",), ("AG ",), ("AG", "XX"), ("",),
                                     ("x" * 100_000,), ("WEOG", "' OR 1=1 --")])
def test_filters_refuse_unknown_regional_groups(regions):
    with pytest.raises(FilterError, match="unknown regional group"):
        Filters(AS_AT, regions=regions)


def test_filters_accept_known_groups_and_bind_them_as_a_list():
    filters = Filters(AS_AT, regions=("WEOG", "AG", "AG"), threshold=7)
    assert filters.bind() == {"as_at": AS_AT, "regions": ["AG", "WEOG"], "threshold": 7}


@pytest.mark.parametrize("kwargs", [
    {"as_at": "2023-12-31'; DROP TABLE states; --"},
    {"as_at": "2023-12-31"},
    {"as_at": dt.datetime(2023, 12, 31, 1, 2)},
    {"as_at": dt.date(1, 1, 1)},
    {"as_at": AS_AT, "threshold": "5; DROP TABLE states"},
    {"as_at": AS_AT, "threshold": 5.5},
    {"as_at": AS_AT, "threshold": 0},
    {"as_at": AS_AT, "threshold": 10**30},
])
def test_filters_refuse_values_of_the_wrong_kind(kwargs):
    with pytest.raises(FilterError):
        Filters(**kwargs)


@pytest.mark.parametrize("text", ["2023-12-31'; DROP TABLE states; --", "'", "x" * 100_000, "2023-02-30", ""])
def test_parse_date_refuses_hostile_text(text):
    with pytest.raises(FilterError):
        parse_date(text)


# ---------------------------------------------------------------------------------------------
# File access is locked once the snapshot is loaded


@pytest.mark.parametrize("sql", [
    "SELECT * FROM read_csv('/etc/passwd')",
    "SELECT * FROM read_text('/etc/passwd')",
    "SELECT * FROM glob('/etc/*')",
    f"SELECT * FROM read_parquet('{DEMO / 'states.parquet'}')",
    "COPY states TO '/tmp/sp_data_exfiltrated.csv'",
    "ATTACH '/tmp/sp_data_attached.db' AS attached",
    "LOAD httpfs",
])
def test_sql_cannot_touch_files(con, sql):
    cursor = con.cursor()
    try:
        with pytest.raises(duckdb.PermissionException):
            cursor.execute(sql)
    finally:
        cursor.close()
    assert not Path("/tmp/sp_data_exfiltrated.csv").exists()


@pytest.mark.parametrize("sql", ["SET enable_external_access = true", "RESET enable_external_access",
                                 "SET lock_configuration = false"])
def test_the_lock_cannot_be_lifted(con, sql):
    cursor = con.cursor()
    try:
        with pytest.raises(duckdb.InvalidInputException, match="configuration"):
            cursor.execute(sql)
        with pytest.raises(duckdb.PermissionException):
            cursor.execute("SELECT * FROM read_csv('/etc/passwd')")
    finally:
        cursor.close()
