"""The queries behind a person's pages use indexes, so that they do not grow with the council's records."""

from __future__ import annotations

from sqlalchemy import create_engine, inspect


def test_the_tables_behind_every_record_page_are_indexed(database_url):
    engine = create_engine(database_url)
    found = inspect(engine)
    indexed = {
        (table, tuple(index["column_names"]))
        for table in ("plan_items", "assessments", "audit_events")
        for index in found.get_indexes(table)
    }
    engine.dispose()
    assert ("plan_items", ("plan_id",)) in indexed
    assert ("assessments", ("person_id",)) in indexed
    assert ("assessments", ("started_by_id",)) in indexed  # the conflict-of-interest rule on staff lists
    assert ("audit_events", ("person_id",)) in indexed


def _plans(app, call) -> list[str]:
    """SQLite's query plan of each statement `call` sends, as the store sends it (in a request)."""
    from sqlalchemy import event

    engine = app.extensions["db_engine"]
    sent: list[tuple[str, object]] = []

    def keep(connection, cursor, statement, parameters, context, executemany):
        sent.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", keep)
    try:
        with app.test_request_context():
            call()
    finally:
        event.remove(engine, "before_cursor_execute", keep)
    plans = []
    with engine.connect() as connection:
        for statement, parameters in sent:
            plan = connection.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters).all()
            plans.append(" | ".join(str(row[-1]) for row in plan))
    return plans


def test_a_persons_forms_are_found_through_the_index_not_by_reading_them_all(app, database_url):
    """The account page's query, as the store sends it, read through SQLite's query plan."""
    if not database_url.startswith("sqlite"):
        return  # PostgreSQL chooses its plan by the tables' sizes: the benchmark measures it at 100,000
    from portal.store.assessments import reachable_assessments

    details, *_ = [plan for plan in _plans(app, lambda: reachable_assessments(1)) if "assessments" in plan]
    assert "ix_assessments_person_id" in details, details
    assert "SCAN assessments" not in details, details


def test_the_staff_work_list_reads_no_table_whole(app, database_url):
    """The work list's statements, as the store sends them, read through SQLite's query plan: only the
    disagreements waiting for staff, each one's assignment, step and conflicts through an index; never a
    whole table. (Without statistics SQLite starts from the waiting disagreements; PostgreSQL, which knows
    how many rows each table has, starts from the cases the member of staff holds: the benchmark.)"""
    if not database_url.startswith("sqlite"):
        return  # PostgreSQL chooses its plan by the tables' sizes: the benchmark measures it
    from portal.ras import disagreement as rules
    from portal.store.disagreements import waiting_for

    plans = _plans(
        app,
        lambda: waiting_for(
            1, rules.CARE_MANAGER, {rules.CARE_MANAGER_WAITING: rules.STEP_CARE_MANAGER}, 1, 25
        ),
    )
    assert len(plans) == 2  # the count and the page
    for details in plans:
        assert "SCAN" not in details, details
        assert "SEARCH case_assignments USING" in details, details
        assert "SEARCH disagreement_steps USING" in details, details
