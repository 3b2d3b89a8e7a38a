"""Field names in the tracker, per tool. Defaults are DESIGN.md's reference templates.

Adapters read these to find each value: `config.notion.fields.exam_date` is the name of the
Enrollments field holding the exam date, `config.notion.check_in_fields.hours` the Check-ins
field holding the hours.
"""

from __future__ import annotations

from pydantic import Field

from certsync.config.section import FieldMap
from certsync.config.values import FieldName


def _f(default: str, what: str, owned: bool = False) -> object:
    suffix = " Owned: certsync writes it." if owned else ""
    return Field(default=default, description=f"{what}{suffix}", json_schema_extra={"owned": True} if owned else None)


class NotionFields(FieldMap):
    """Enrollments: one page per engineer and certification."""

    name: FieldName = _f("Name", "Title of the enrollment.")
    engineer: FieldName = _f("Engineer", "The engineer (people).")
    manager: FieldName = _f("Manager", "The engineer's manager, mentioned in comments (people).")
    certification: FieldName = _f("Certification", "The certification pursued (select).")
    exam_date: FieldName = _f("Exam date", "The planned exam date (date).")
    study_start: FieldName = _f("Study start", "When studying starts; no flags before it (date).")
    weekly_target_hours: FieldName = _f("Weekly target hours", "Planned study hours per week (number).")
    certified: FieldName = _f("Certified", "Passed the exam (checkbox).")
    planned_hours: FieldName = _f("Planned hours", "Optional: the plan's total hours, instead of target × weeks (number).")
    diagnostic_exam: FieldName = _f("Diagnostic exam", "Optional: date of the diagnostic practice exam (date).")
    midpoint_exam: FieldName = _f("Mid-point practice exam", "Optional: date of the mid-point practice exam (date).")
    final_exam: FieldName = _f("Final practice exam", "Optional: date of the final practice exam (date).")
    reminders_off: FieldName = _f("Reminders off", "Optional: the engineer switched reminders off (checkbox).")
    # Optional outcome and cohort fields (issue 13): read, never written; what the reviews count.
    exam_result: FieldName = _f("Exam result", "Optional: the exam's result, Passed or Failed (select).")
    attempts: FieldName = _f("Attempts", "Optional: exam attempts so far, a whole number (number).")
    certified_on: FieldName = _f("Certified on", "Optional: the day the certification was obtained (date).")
    cost: FieldName = _f("Cost", "Optional: what the certification cost, 0 or more (number).")
    cohort: FieldName = _f("Cohort", "Optional: the cohort trained with; empty is self-study (select, or a relation "
                                     "whose page's title is the cohort).")
    satisfaction: FieldName = _f("Satisfaction", "Optional: the engineer's satisfaction from 1 to 5 (number).")
    status: FieldName = _f("Status", "On track / Slightly behind / At risk / Completed (select).", True)
    flags: FieldName = _f("Flags", "Names of the raised flags (multi-select).", True)
    flag_details: FieldName = _f("Flag details", "One line per flag with its reason (text).", True)
    postponements: FieldName = _f("Postponements", "How often the exam date moved later (number).", True)
    last_synced: FieldName = _f("Last synced", "When certsync last evaluated the enrollment (date).", True)
    sync_problem: FieldName = _f("Sync problem", "What certsync could not read, if anything (text).", True)
    weeks_completed: FieldName = _f("Weeks completed", "Due weeks since the study start (number).", True)
    hours_last_week: FieldName = _f("Hours last week", "Hours of the last due week (number).", True)
    hours_vs_plan: FieldName = _f("Hours vs plan", "Cumulative hours minus the plan's to date, negative when behind (number).",
                                  True)
    latest_score: FieldName = _f("Latest score", "The latest practice score (number, percent).", True)
    score_trend: FieldName = _f("Score trend", "The recent practice scores with a sparkline (text).", True)
    projected_ready: FieldName = _f("Projected ready", "When the plan's hours are reached at the recent pace (date).", True)


class NotionStudyPlanFields(FieldMap):
    """Study plan: one page per certification and week (or per enrollment and week, to override)."""

    certification: FieldName = _f("Certification", "The certification the row plans (select or text).")
    week: FieldName = _f("Week", "Week number of the plan, from 1 (number).")
    study_target: FieldName = _f("Study target", "What to study that week (text).")
    practice_activity: FieldName = _f("Practice activity", "The practice that week (text).")
    verification: FieldName = _f("Verification", "How the week's learning is checked (text).")
    enrollment: FieldName = _f("Enrollment", "Optional: the one enrollment this row is for (relation).")


class NotionCheckInFields(FieldMap):
    """Check-ins: one page per engineer and week."""

    name: FieldName = _f("Name", "Title of the check-in.")
    enrollment: FieldName = _f("Enrollment", "The enrollment it reports on (relation).")
    week_of: FieldName = _f("Week of", "A day of the week it reports on (date).")
    hours: FieldName = _f("Hours", "Hours studied that week (number).")
    milestones: FieldName = _f("Milestones", "Milestones done: Yes, Partial or No (select).")
    confidence: FieldName = _f("Confidence", "Confidence from 1 to 5 (number).")
    practice_score: FieldName = _f("Practice score", "Latest practice exam score, percent (number).")
    blockers: FieldName = _f("Blockers", "What is in the way (text).")
    absence_reason: FieldName = _f("Absence reason", "Why no hours were logged, if so (text).")
    weak_domains: FieldName = _f("Weak domains", "Optional: the exam domains the engineer found hard (multi-select).")


class NotionSessionFields(FieldMap):
    """Sessions: one page per meeting of a cohort, with who attended."""

    date: FieldName = _f("Date", "The day of the session (date).")
    cohort: FieldName = _f("Cohort", "The cohort that met (select, or a relation whose page's title is the cohort).")
    topic: FieldName = _f("Topic", "What the session was about (title or text).")
    attendees: FieldName = _f("Attendees", "The enrollments of those who attended (relation to Enrollments).")


class AsanaFields(FieldMap):
    """Enrollments: one task per engineer and certification; the task name is the enrollment's name.

    Custom field names. `engineer` unset means the task's assignee.
    """

    engineer: FieldName | None = Field(
        default=None, description="A people custom field for the engineer; unset: the task's assignee."
    )
    manager: FieldName = _f("Manager", "The engineer's manager, mentioned in comments (people).")
    certification: FieldName = _f("Certification", "The certification pursued (enum).")
    exam_date: FieldName = _f("Exam date", "The planned exam date (date).")
    study_start: FieldName = _f("Study start", "When studying starts; no flags before it (date).")
    weekly_target_hours: FieldName = _f("Weekly target hours", "Planned study hours per week (number).")
    certified: FieldName = _f("Certified", "Passed the exam (enum Yes/No, or the task completed).")
    planned_hours: FieldName = _f("Planned hours", "Optional: the plan's total hours, instead of target × weeks (number).")
    diagnostic_exam: FieldName = _f("Diagnostic exam", "Optional: date of the diagnostic practice exam (date).")
    midpoint_exam: FieldName = _f("Mid-point practice exam", "Optional: date of the mid-point practice exam (date).")
    final_exam: FieldName = _f("Final practice exam", "Optional: date of the final practice exam (date).")
    reminders_off: FieldName = _f("Reminders off", "Optional: the engineer switched reminders off (enum Yes/No).")
    # Optional outcome and cohort fields (issue 13): read, never written; what the reviews count.
    exam_result: FieldName = _f("Exam result", "Optional: the exam's result, Passed or Failed (enum).")
    attempts: FieldName = _f("Attempts", "Optional: exam attempts so far, a whole number (number).")
    certified_on: FieldName = _f("Certified on", "Optional: the day the certification was obtained (date).")
    cost: FieldName = _f("Cost", "Optional: what the certification cost, 0 or more (number).")
    cohort: FieldName = _f("Cohort", "Optional: the cohort trained with; empty is self-study (enum).")
    satisfaction: FieldName = _f("Satisfaction", "Optional: the engineer's satisfaction from 1 to 5 (number).")
    status: FieldName = _f("Status", "On track / Slightly behind / At risk / Completed (enum).", True)
    flags: FieldName = _f("Flags", "Names of the raised flags (multi-enum).", True)
    flag_details: FieldName = _f("Flag details", "One line per flag with its reason (text).", True)
    postponements: FieldName = _f("Postponements", "How often the exam date moved later (number).", True)
    last_synced: FieldName = _f("Last synced", "When certsync last evaluated the enrollment (date).", True)
    sync_problem: FieldName = _f("Sync problem", "What certsync could not read, if anything (text).", True)
    weeks_completed: FieldName = _f("Weeks completed", "Due weeks since the study start (number).", True)
    hours_last_week: FieldName = _f("Hours last week", "Hours of the last due week (number).", True)
    hours_vs_plan: FieldName = _f("Hours vs plan", "Cumulative hours minus the plan's to date, negative when behind (number).",
                                  True)
    latest_score: FieldName = _f("Latest score", "The latest practice score (number, percent).", True)
    score_trend: FieldName = _f("Score trend", "The recent practice scores with a sparkline (text).", True)
    projected_ready: FieldName = _f("Projected ready", "When the plan's hours are reached at the recent pace (date).", True)


class AsanaStudyPlanFields(FieldMap):
    """Study plan: one task per certification and week (the task name is free). Custom field names."""

    certification: FieldName = _f("Certification", "The certification the row plans (enum or text).")
    week: FieldName = _f("Week", "Week number of the plan, from 1 (number).")
    study_target: FieldName = _f("Study target", "What to study that week (text).")
    practice_activity: FieldName = _f("Practice activity", "The practice that week (text).")
    verification: FieldName = _f("Verification", "How the week's learning is checked (text).")
    enrollment: FieldName = _f("Enrollment", "Optional: the one enrollment this row is for (reference to a task).")


class AsanaCheckInFields(FieldMap):
    """Check-ins: tasks of the check-ins project. `enrollment` unset means "a subtask of it"."""

    enrollment: FieldName | None = Field(
        default=None,
        description="A reference custom field pointing at the enrollment task; unset: the check-in is its subtask.",
    )
    week_of: FieldName = _f("Week of", "A day of the week it reports on (date).")
    hours: FieldName = _f("Hours", "Hours studied that week (number).")
    milestones: FieldName = _f("Milestones", "Milestones done: Yes, Partial or No (enum).")
    confidence: FieldName = _f("Confidence", "Confidence from 1 to 5 (number).")
    practice_score: FieldName = _f("Practice score", "Latest practice exam score, percent (number).")
    blockers: FieldName = _f("Blockers", "What is in the way (text).")
    absence_reason: FieldName = _f("Absence reason", "Why no hours were logged, if so (text).")
    weak_domains: FieldName = _f("Weak domains", "Optional: the exam domains the engineer found hard (multi-enum).")


class AsanaSessionFields(FieldMap):
    """Sessions: one task per meeting of a cohort in the sessions project; the task name is the topic.
    Custom field names."""

    date: FieldName = _f("Date", "Optional: the day of the session (date); unset or empty: the task's due date.")
    cohort: FieldName = _f("Cohort", "The cohort that met (enum).")
    attendees: FieldName = _f("Attendees", "Who attended: the engineers (people; each counts for their enrollment in "
                                           "the session's cohort), or their enrollment tasks (reference).")
