"""The round page, the overview and the record run the same number of queries however many readers
and comments there are (STYLE: a query-count ceiling guards every list page)."""
from django.db import connection
from django.test.utils import CaptureQueriesContext

from planeval.consultations import selectors, services
from tests.conftest import client_for


def _queries(fn) -> int:
    with CaptureQueriesContext(connection) as captured:
        fn()
    return len(captured)


def test_counts_do_not_grow_with_readers(campaign, sample_round, fgw):
    client = client_for("fgw")
    pages = {
        "round": lambda: client.get(f"/consultation/rounds/{sample_round.id}/"),
        "index": lambda: client.get(f"/c/{campaign.id}/consultation/"),
        "record": lambda: selectors.record_table(campaign),
    }
    for fn in pages.values():
        fn()   # warm caches (session, content types)
    before = {name: _queries(fn) for name, fn in pages.items()}
    key = sample_round.draft.sections[-1]["key"]
    for n in range(6):
        invitation = services.invitation_add(round_=sample_round, user=fgw, kind="expert", sections=[key],
                                             name=f"专家{n}")
        comment = services.comment_post(invitation=invitation, section_key=key, text=f"意见{n}", address="192.0.2.1")
        services.comment_answer(comment=comment, user=fgw, decision="adopted", reason="", expected_version=1)
    after = {name: _queries(fn) for name, fn in pages.items()}
    assert after == before
