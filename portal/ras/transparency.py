"""The Algorithmic Transparency Recording Standard (ATRS): its fields, in one place, and a council's
record as rows and as a nested mapping for the CSV and JSON downloads. Pure: no web framework.

Source of the field list: the Algorithmic Transparency Recording Standard, version 3.0 (Central Digital
and Data Office and Department for Science, Innovation and Technology; the template and guidance at
https://www.gov.uk/government/publications/algorithmic-transparency-template and
https://github.com/co-cddo/algorithmic-transparency-recording-standard). Tier 1 is the short summary for
everyone; tier 2 the detail, in six sections. The references (1.1, 2.1.4.2 ...) are the standard's own.
Fields that can have many entries (third parties, models, impact assessments, risks) form a group; a
record lists each entry of a group with every field of it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

STANDARD = "Algorithmic Transparency Recording Standard"
STANDARD_VERSION = "3.0"


@dataclass(frozen=True)
class Field:
    reference: str  # the standard's number, like "2.1.3"
    attribute: str  # the standard's field name, as the CSV and JSON name it
    title: str  # the standard's heading for it, in English
    tier: int  # 1 or 2
    section: str  # the tier 2 section (or "Summary" for tier 1)
    group: str | None = None  # for a field with many entries: the group it belongs to


SUMMARY = "Summary"
OWNER = "Owner and responsibility"
RATIONALE = "Description and rationale"
DECISIONS = "Decision making process"
TOOL = "Tool specification"
DATA = "Data specification"
RISKS = "Risks, mitigations and impact assessments"

SECTIONS = (SUMMARY, OWNER, RATIONALE, DECISIONS, TOOL, DATA, RISKS)


def _fields(tier: int, section: str, group: str | None, *rows: tuple[str, str, str]) -> tuple[Field, ...]:
    return tuple(Field(ref, attribute, title, tier, section, group) for ref, attribute, title in rows)


FIELDS: tuple[Field, ...] = (
    *_fields(
        1,
        SUMMARY,
        None,
        ("1.1", "name", "Name"),
        ("1.2", "description", "Description"),
        ("1.3", "website", "Website URL"),
        ("1.4", "contact_email", "Contact email"),
    ),
    *_fields(
        2,
        OWNER,
        None,
        ("2.1.1", "organisation", "Organisation or department"),
        ("2.1.2", "team", "Team"),
        ("2.1.3", "senior_responsible_owner", "Senior responsible owner"),
        ("2.1.4", "third_party_involvement", "Third party involvement"),
    ),
    *_fields(
        2,
        OWNER,
        "third_parties",
        ("2.1.4.1", "third_party", "Third party"),
        ("2.1.4.2", "companies_house_number", "Companies House number"),
        ("2.1.4.3", "third_party_role", "Third party role"),
        ("2.1.4.4", "procurement_procedure_type", "Procurement procedure type"),
        ("2.1.4.5", "third_party_data_access_terms", "Third party data access terms"),
    ),
    *_fields(
        2,
        RATIONALE,
        None,
        ("2.2.1", "detailed_description", "Detailed description"),
        ("2.2.2", "scope", "Scope"),
        ("2.2.3", "benefit", "Benefit"),
        ("2.2.4", "previous_process", "Previous process"),
        ("2.2.5", "alternatives_considered", "Alternatives considered"),
    ),
    *_fields(
        2,
        DECISIONS,
        None,
        ("2.3.1", "process_integration", "Process integration"),
        ("2.3.2", "provided_information", "Provided information"),
        ("2.3.3", "frequency_and_scale_of_usage", "Frequency and scale of usage"),
        ("2.3.4", "human_decisions_and_review", "Human decisions and review"),
        ("2.3.5", "required_training", "Required training"),
        ("2.3.6", "appeals_and_review", "Appeals and review"),
    ),
    *_fields(
        2,
        TOOL,
        None,
        ("2.4.1", "system_architecture", "System architecture"),
        ("2.4.2", "phase", "Phase"),
        ("2.4.3", "maintenance", "Maintenance"),
    ),
    *_fields(
        2,
        TOOL,
        "models",
        ("2.4.4.1", "model_name", "Model name"),
        ("2.4.4.2", "model_version", "Model version"),
        ("2.4.4.3", "model_task", "Model task"),
        ("2.4.4.4", "model_input", "Model input"),
        ("2.4.4.5", "model_output", "Model output"),
        ("2.4.4.6", "model_architecture", "Model architecture"),
        ("2.4.4.7", "model_performance", "Model performance"),
        ("2.4.4.8", "datasets", "Datasets"),
        ("2.4.4.9", "dataset_purposes", "Dataset purposes"),
    ),
    *_fields(
        2,
        DATA,
        None,
        ("2.5.1", "source_data_name", "Source data name"),
        ("2.5.2", "data_modality", "Data modality"),
        ("2.5.3", "data_description", "Data description"),
        ("2.5.4", "data_quantities", "Data quantities"),
        ("2.5.5", "sensitive_attributes", "Sensitive attributes"),
        ("2.5.6", "data_completeness_and_representativeness", "Data completeness and representativeness"),
        ("2.5.7", "source_data_url", "Source data URL"),
        ("2.5.8", "data_collection", "Data collection"),
        ("2.5.9", "data_cleaning", "Data cleaning"),
        ("2.5.10", "data_sharing_agreements", "Data sharing agreements"),
        ("2.5.11", "data_access_and_storage", "Data access and storage"),
    ),
    *_fields(
        2,
        RISKS,
        "impact_assessments",
        ("2.6.1.1", "assessment_title", "Assessment title"),
        ("2.6.1.2", "assessment_description", "Assessment description"),
        ("2.6.1.3", "assessment_date", "Assessment date"),
        ("2.6.1.4", "assessment_link", "Assessment link"),
    ),
    *_fields(
        2,
        RISKS,
        "risks",
        ("2.6.2.1", "risk_name", "Risk name"),
        ("2.6.2.2", "risk_category", "Risk category"),
        ("2.6.2.3", "risk_description", "Risk description"),
        ("2.6.2.4", "risk_mitigation", "Risk mitigation"),
    ),
)

GROUPS: dict[str, tuple[Field, ...]] = {}
for _field in FIELDS:
    if _field.group:
        GROUPS.setdefault(_field.group, ())
        GROUPS[_field.group] += (_field,)
SINGLE: tuple[Field, ...] = tuple(f for f in FIELDS if f.group is None)

# Filled in from the council's other content (and the rules page's address), never written twice.
FROM_CONTENT = frozenset({"website", "contact_email", "organisation"})
# In each model entry, the version of the rules comes from council.yaml.
MODEL_VERSION = "model_version"


@dataclass(frozen=True)
class Record:
    """A council's transparency record: a value for every single field, and the entries of each group."""

    published: date  # when the record was first published
    updated: date  # when it was last changed
    values: Mapping[str, str]  # attribute -> text, for every field in SINGLE
    groups: Mapping[str, tuple[Mapping[str, str], ...]]  # group -> entries, each attribute -> text


def complete(
    written: Record, *, organisation: str, contact_email: str, website: str, rules_version: str
) -> Record:
    """The council's written record with the fields that come from its other content filled in."""
    values = {
        **written.values,
        "organisation": organisation,
        "contact_email": contact_email,
        "website": website,
    }
    groups = dict(written.groups)
    groups["models"] = tuple({**model, MODEL_VERSION: rules_version} for model in groups.get("models", ()))
    return Record(published=written.published, updated=written.updated, values=values, groups=groups)


def as_rows(record: Record) -> list[dict[str, str]]:
    """One row for each field (for a group: one for each field of each entry, or one empty row for each
    field of a group with no entries), in the standard's order: the CSV download."""
    rows: list[dict[str, str]] = []
    done: set[str] = set()
    for field in FIELDS:
        if field.group is None:
            rows.append(_row(field, "", record.values.get(field.attribute, "")))
            continue
        if field.group in done:
            continue
        done.add(field.group)
        entries = record.groups.get(field.group, ())
        for number, entry in enumerate(entries or ({},), start=1):
            for member in GROUPS[field.group]:
                rows.append(_row(member, str(number) if entries else "", entry.get(member.attribute, "")))
    return rows


def _row(field: Field, entry: str, value: str) -> dict[str, str]:
    return {
        "reference": field.reference,
        "attribute": field.attribute,
        "title": field.title,
        "tier": str(field.tier),
        "section": field.section,
        "entry": entry,
        "value": value,
    }


CSV_COLUMNS = ("reference", "attribute", "title", "tier", "section", "entry", "value")


def as_mapping(record: Record) -> dict[str, object]:
    """The record as nested data: the JSON download. Each section holds its fields by attribute; a group
    is a list of entries, each with every field of the group."""
    sections: dict[str, dict[str, object]] = {section: {} for section in SECTIONS}
    for field in SINGLE:
        sections[field.section][field.attribute] = record.values.get(field.attribute, "")
    for group, members in GROUPS.items():
        sections[members[0].section][group] = [
            {member.attribute: entry.get(member.attribute, "") for member in members}
            for entry in record.groups.get(group, ())
        ] or [{member.attribute: "" for member in members}]
    return {
        "standard": STANDARD,
        "standard_version": STANDARD_VERSION,
        "date_published": record.published.isoformat(),
        "date_updated": record.updated.isoformat(),
        "tier_1": sections[SUMMARY],
        "tier_2": {section: sections[section] for section in SECTIONS[1:]},
    }
