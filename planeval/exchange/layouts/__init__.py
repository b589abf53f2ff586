"""One module per table layout, each with TITLE, COLUMNS, EXAMPLE and ``run(sheet, ctx)``."""
from . import contacts, evaluations, indicators, plans, projects, tasks, values

LAYOUTS = {
    "indicators": indicators,
    "tasks": tasks,
    "plans": plans,
    "projects": projects,
    "values": values,
    "contacts": contacts,
    # Imported from the evaluator's page into one grant (services.SCOPED_KINDS), not the import page.
    "evaluations": evaluations,
}
