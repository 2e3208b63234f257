"""The plan approval part of the download of everything held about a person: each decision on their plan,
each comment staff wrote on it, and each budget agreed."""

from __future__ import annotations

from typing import Any

from portal.store import approvals as store


def approval_records(person_ids: list[int]) -> dict[str, list[dict[str, Any]]]:
    decisions, comments, agreed = store.records_of(person_ids)
    return {
        "decisions": [
            {
                "id": d.public_id,
                "plan_version": d.plan_version,
                "decision": d.move,
                "from": d.from_state,
                "to": d.to_state,
                "final_weekly_pence": d.final_weekly_pence,
                "reason": d.reason,
                "by_role": d.actor_role,
            }
            for d in decisions
        ],
        "comments": [
            {
                "plan_version": c.plan_version,
                "item": c.item_key,
                "text": c.text,
                "by": c.author.name,
                "written": c.created_at.isoformat(),
            }
            for c in comments
        ],
        "agreed_budgets": [
            {
                "id": a.public_id,
                "weekly_pence": a.weekly_pence,
                "estimate_weekly_pence": a.indicative_weekly_pence,
                "reason": a.reason,
                "starts_on": a.starts_on.isoformat(),
                "agreed": a.agreed_at.isoformat(),
                "rules_version": a.config_version,
            }
            for a in agreed
        ],
    }
