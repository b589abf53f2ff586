"""One module per table layout, each with TITLE, COLUMNS, EXAMPLE and ``run(sheet, ctx)``."""
from . import contacts, indicators, plans, projects, tasks, values

LAYOUTS = {
    "indicators": indicators,
    "tasks": tasks,
    "plans": plans,
    "projects": projects,
    "values": values,
    "contacts": contacts,
}
