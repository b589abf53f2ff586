"""The ``planeval`` console script: Django's management commands under one name."""
import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["planeval", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
