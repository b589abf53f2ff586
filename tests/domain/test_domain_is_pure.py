"""planeval.domain stays free of Django, so its rules run and are tested without a web stack."""
import pkgutil
import subprocess
import sys

import planeval.domain


def domain_modules() -> list[str]:
    return [
        module.name
        for module in pkgutil.walk_packages(planeval.domain.__path__, prefix="planeval.domain.")
    ]


def test_domain_modules_are_found():
    assert {"planeval.domain.targets", "planeval.domain.periods"} <= set(domain_modules())


def test_domain_imports_no_django():
    # A fresh interpreter: this test process has Django loaded already by pytest-django.
    imports = "; ".join(f"import {name}" for name in domain_modules())
    check = (
        f"import sys; {imports}; "
        "loaded = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.')); "
        "assert not loaded, loaded"
    )
    result = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
