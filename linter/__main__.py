"""``python -m wenlint`` runs the command line.

From a checkout without an install, ``python -m linter`` (or ``python linter``) runs it too: the
folders ``linter/`` and ``rules/`` are then loaded as the packages ``wenlint`` and ``wenlint.rules``,
as an install maps them. Without the dependencies it says what to install instead of failing.
"""
import sys


def _checkout_as_package() -> None:
    import importlib.util
    from pathlib import Path

    here = Path(__file__).resolve().parent
    for name, folder in (("wenlint", here), ("wenlint.rules", here.parent / "rules")):
        spec = importlib.util.spec_from_file_location(name, folder / "__init__.py",
                                                      submodule_search_locations=[str(folder)])
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    sys.modules["wenlint"].rules = sys.modules["wenlint.rules"]


def _main() -> int:
    try:
        import wenlint  # noqa: F401
    except ModuleNotFoundError as e:
        if e.name != "wenlint":
            raise
        _checkout_as_package()
    try:
        from wenlint.cli import main

        return main()
    except ModuleNotFoundError as e:  # dependencies are imported when first needed
        print(f"wenlint: cannot run: the module {e.name!r} is missing. Install wenlint with its "
              "dependencies (in a checkout: pip install -e .)", file=sys.stderr)
        return 2


sys.exit(_main())
