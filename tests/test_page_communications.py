"""AppTest of Communications and replies: tiles equal facts, tables equal sp_data, filters and links work."""
import datetime as dt

from conftest import chart_titles, metrics
from sp_data import communications as comm
from sp_data.facts import facts
from sp_data.params import Filters
from sp_data.wording import mandate_name

PAGE = "pages/communications.py"
END = Filters(dt.date(2023, 12, 31))


def open_page(app, **query):
    """The page opened directly with these query parameters, as a link would open it."""
    return app(PAGE, **query).run()


def as_json(at) -> list[str]:
    """Every table on the page as JSON (comparable, missing values included)."""
    return [d.value.to_json(date_format="iso") for d in at.dataframe]


def shown(at, index: int, column: str) -> list:
    """One column of the index-th table on the page, as displayed."""
    return at.dataframe[index].value[column].tolist()


def test_renders_the_year_figures_as_facts_gives_them(app, demo_db):
    at = open_page(app)
    assert not at.exception
    assert at.title[0].value == "Communications and replies"
    f = facts(demo_db, END)
    tiles = metrics(at)
    assert tiles["Communications sent"] == f"{f['communications_sent']:,}" == "723"
    assert tiles["…of which joint"] == f"{f['communications_joint']:,}"
    assert tiles["States addressed"] == f"{f['communications_states_addressed']:,}"
    assert tiles["Non-State actors addressed"] == f"{f['communications_non_state_actors']:,}"
    assert tiles["Replies received in the year"] == f"{f['replies_received_in_year']:,}"
    assert tiles["…of which substantive"] == f"{f['replies_received_in_year_substantive']:,}"
    assert tiles["Replies to the year's letters"] == f"{f['replies_to_year_communications']:,}"
    assert tiles["Substantive reply rate"] == "43.15 %"
    helps = {m.label: m.proto.help for m in at.metric}
    assert helps["Communications sent"] == "Letters the special procedures sent in 2023 to States and to non-State actors."
    assert "For 2023, all regional groups: 312 of 723 = 43.15 %" in helps["Substantive reply rate"]
    assert len(set(helps.values())) == len(helps) == 8  # each figure its own help
    assert any("Simulated demonstration data" in w.value for w in at.warning)


def test_tables_equal_the_sp_data_functions(app, demo_db):
    at = open_page(app)
    states = comm.by_state(demo_db, END)
    assert shown(at, 0, "name") == states["name"].to_list()
    assert shown(at, 0, "communications") == states["communications"].to_list()
    assert shown(at, 0, "reply_rate_percent") == states["reply_rate_percent"].to_list()
    assert shown(at, 1, "recipient") == comm.by_actor(demo_db, END)["recipient"].to_list()
    assert shown(at, 2, "communications") == comm.by_type(demo_db, END)["communications"].to_list()
    assert shown(at, 3, "mandate_name") == [mandate_name(m, t) for m, t in comm.by_mandate(demo_db, END).select(
        "mandate_id", "title").iter_rows()]
    titles = chart_titles(at)
    assert "Substantive reply rate by State, 2023" in titles
    assert "Days to the first reply, communications sent in 2023" in titles
    assert "Communications sent per year, 2011–2023" in titles
    assert "Substantive reply rate per year, 2011–2023" in titles


def test_type_and_mandate_restrict_the_tables_and_the_url_reproduces_them(app, demo_db):
    at = open_page(app)
    before = shown(at, 0, "communications")
    at.pills(key="type").set_value(["UA"]).run()
    at.selectbox(key="mandate").set_value("SR-TORTURE").run()
    assert not at.exception
    expected = comm.by_state(demo_db, END, ("UA",), "SR-TORTURE")
    assert shown(at, 0, "name") == expected["name"].to_list()
    assert shown(at, 0, "communications") == expected["communications"].to_list() != before
    assert shown(at, 1, "recipient") == comm.by_actor(demo_db, END, ("UA",), "SR-TORTURE")["recipient"].to_list()
    # The tiles stay the year's published figures.
    assert metrics(at)["Communications sent"] == "723"
    assert "Substantive reply rate by State, 2023 (urgent appeals, Torture)" in chart_titles(at)
    # The browser writes bound widgets to the URL (test_browser.py); opening that URL shows the same view.
    linked = open_page(app, type=["UA"], mandate="SR-TORTURE")
    assert linked.pills(key="type").value == ["UA"]
    assert linked.selectbox(key="mandate").value == "SR-TORTURE"
    assert as_json(linked) == as_json(at)
    assert chart_titles(linked) == chart_titles(at)


def test_the_reply_rate_example_is_the_shown_year_and_groups_own(app, demo_db):
    at = open_page(app, year="2020", groups=["EEG"])
    f = facts(demo_db, Filters(dt.date(2020, 12, 31), regions=("EEG",)))
    assert metrics(at)["Substantive reply rate"] == "28.41 %" == f"{f['reply_rate_percent']:.2f} %"
    sent, replied = f["communications_sent"], f["replies_to_year_communications_substantive"]
    example = f"For 2020, Eastern European States (EEG): {replied} of {sent} = 28.41 %"
    assert example in {m.label: m.proto.help for m in at.metric}["Substantive reply rate"]
    assert any(example in c.value for c in at.caption)
    assert not any("2023" in c.value or "43.15" in c.value for c in at.caption)


def test_region_filter_and_year_range(app, demo_db):
    at = open_page(app, groups=["AG", "GRULAC"], years=["2016", "2020"])
    assert not at.exception
    filters = Filters(END.as_at, regions=("AG", "GRULAC"))
    f = facts(demo_db, filters)
    assert metrics(at)["Communications sent"] == f"{f['communications_sent']:,}"
    assert shown(at, 0, "name") == comm.by_state(demo_db, filters)["name"].to_list()
    assert set(shown(at, 0, "regional_group")) == {"AG", "GRULAC"}
    assert at.slider(key="years").value == (2016, 2020)
    assert "Communications sent per year, 2016–2020" in chart_titles(at)


def test_empty_selections_are_explained(app, demo_db):
    at = open_page(app)
    at.pills(key="type").set_value([]).run()
    assert not at.exception
    assert any("Select at least one communication type" in i.value for i in at.info)
    assert len(at.dataframe) == 0
    # A mandate that sent no other letter in 2023 (found from the data, not assumed).
    mandate = next(m for m in comm.mandates(demo_db, END)["mandate_id"]
                   if comm.by_state(demo_db, END, ("OL",), m).height == 0
                   and comm.by_actor(demo_db, END, ("OL",), m).height == 0)
    quiet = open_page(app, type=["OL"], mandate=mandate)
    assert not quiet.exception
    messages = [i.value for i in quiet.info]
    assert any(m.startswith("No State in the selected groups was sent a communication") for m in messages)
    assert any(m.startswith("No non-State actor was sent a communication") for m in messages)
