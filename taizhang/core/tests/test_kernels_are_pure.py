"""CONTRIBUTING.md rule 4: the pure kernels import no Django — only the standard library and what the
table below allows (another pure kernel, or a reader library). One table for every kernel."""

import ast
import importlib
import sys
from pathlib import Path

import pytest

KERNELS = {
    "taizhang.core.schedule": set(),
    "taizhang.core.rollup": {"taizhang.core.schedule"},
    "taizhang.core.projectmetrics": {"taizhang.core.schedule"},
    "taizhang.core.enterprises": {"taizhang.core.schedule"},
    "taizhang.core.indicators": {"taizhang.core.schedule"},
    "taizhang.core.sheets": {"python_calamine"},
    "taizhang.core.extraction": {"taizhang.core.extraction_tables"},
    "taizhang.core.extraction_tables": set(),
}


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path.name}: no relative imports"
            names.add(node.module)
    return names


@pytest.mark.parametrize(("module", "allowed"), KERNELS.items(), ids=list(KERNELS))
def test_a_kernel_imports_only_the_standard_library_and_what_it_is_allowed(module, allowed):
    path = Path(importlib.import_module(module).__file__)
    source = path.read_text(encoding="utf-8")
    assert "import_module" not in source and "__import__" not in source
    outside = {name for name in _imports(path) if name.split(".")[0] not in sys.stdlib_module_names}
    assert outside <= allowed, outside - allowed
    assert not any(name.split(".")[0] == "django" for name in outside)
