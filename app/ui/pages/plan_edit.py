"""What changed on the Plan page since a planned visit was opened for editing.

The page shows a :class:`~app.services.plans.PlanForm`; when the person saves, this module
compares what the widgets hold now with it and returns the :class:`PlanEdit` to save (an empty
one when nothing changed). Plain functions over plain values, so the page stays about layout.
"""

from __future__ import annotations

from datetime import date

from app.services.workspace import AgendaItem, PlanEdit, PlanForm


def plan_edit(
    form: PlanForm,
    *,
    start: date,
    focus: list[str],
    visitors: list[str],
    writer: str | None,
    host_staff: list[str],
    agenda: list[AgendaItem],
) -> PlanEdit:
    """The edit that turns ``form`` into what the widgets show. Only what this laptop may
    change is compared (the page disables the rest, so it cannot differ anyway)."""
    before = [f.title for f in form.focus]
    edit = PlanEdit(
        add_focus=tuple(t for t in focus if t.casefold() not in {b.casefold() for b in before}),
        remove_focus=tuple(b for b in before if b.casefold() not in {t.casefold() for t in focus}),
        add_agenda=tuple(a for a in agenda if a.id is None) if form.may_write else (),
        change_agenda=tuple(
            a for a in agenda if a.id is not None and a not in form.agenda and form.may_write
        ),
        delete_agenda=tuple(
            a.id
            for a in form.agenda
            if a.id is not None and a.id not in {b.id for b in agenda} and form.may_write
        ),
    )
    if not form.may_write:
        edit = PlanEdit()
    if not form.may_plan:
        return edit
    return PlanEdit(
        start=start if start != form.start else None,
        add_focus=edit.add_focus,
        remove_focus=edit.remove_focus,
        add_reviewers=tuple(v for v in visitors if v not in form.visitors),
        remove_reviewers=tuple(v for v in form.visitors if v not in visitors),
        writer=writer if writer and writer != form.writer_id else None,
        add_host_staff=tuple(p for p in host_staff if p not in form.host_staff),
        remove_host_staff=tuple(p for p in form.host_staff if p not in host_staff),
        add_agenda=edit.add_agenda,
        change_agenda=edit.change_agenda,
        delete_agenda=edit.delete_agenda,
    )
