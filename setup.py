"""Package list for setuptools; everything else is in pyproject.toml.

pyproject's `packages.find` cannot list a package whose directory is mapped with
`package-dir`, and "desktop_reader.resources" is such a package: the top-level
resources/ folder, shipped inside the wheel as desktop_reader/resources. Its data
folders (demo/, icons/, …) are listed as packages too, or setuptools warns about each.
"""

from setuptools import find_namespace_packages, setup

RESOURCES = "desktop_reader.resources"

setup(
    packages=[
        *find_namespace_packages(include=["desktop_reader*"], exclude=["*.__pycache__"]),
        RESOURCES,
        *(
            f"{RESOURCES}.{name}"
            for name in find_namespace_packages(where="resources", exclude=["*__pycache__"])
        ),
    ]
)
