"""Every staff role, in one list: the commands that give roles and assign cases, and the staff pages, take
their roles from here.

- care manager and team manager: the disagreement route's first two steps, and the plan approval
  (`portal.ras.plan.approval`); they hold a person's case (`flask staff-assign`);
- complaints officer: a disagreement that has become a formal complaint;
- panel: a member of the high-needs panel, who records the panel's decision on a budget at or over
  the panel level;
- RAS lead: the council's lead for the resource allocation system, who sees only the fairness report and
  the recalibration preview (`portal.ras.fairness`), never a person's case.

Pure: no web framework, no database.
"""

from __future__ import annotations

from portal.ras import disagreement, fairness
from portal.ras.plan import approval

CARE_MANAGER = disagreement.CARE_MANAGER
TEAM_MANAGER = disagreement.TEAM_MANAGER
COMPLAINTS_OFFICER = disagreement.COMPLAINTS_OFFICER
PANEL = approval.PANEL
RAS_LEAD = fairness.RAS_LEAD

STAFF_ROLES: tuple[str, ...] = (CARE_MANAGER, TEAM_MANAGER, COMPLAINTS_OFFICER, PANEL)
# The roles that hold a person's case (a case assignment): everyone else sees cases by what they are.
CASE_HOLDERS: tuple[str, ...] = (CARE_MANAGER, TEAM_MANAGER)
# Every role a council can give with `flask staff-add`: the staff pages' roles and the RAS lead.
GRANTABLE: tuple[str, ...] = (*STAFF_ROLES, RAS_LEAD)
