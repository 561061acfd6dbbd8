"""Package list for setuptools; everything else is in pyproject.toml.

pyproject's `packages.find` cannot list a package whose directory is mapped with
`package-dir`, and "desktop_reader.resources" is such a package: the top-level
resources/ folder, shipped inside the wheel as desktop_reader/resources.
"""

from setuptools import find_namespace_packages, setup

setup(packages=[*find_namespace_packages(include=["desktop_reader*"],
                                         exclude=["*.__pycache__"]),
                "desktop_reader.resources"])
