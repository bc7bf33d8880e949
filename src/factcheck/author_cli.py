"""`factcheck facts draft`: the command line of the fact drafter, registered on the `facts`
sub-app by cli.py (in a module of its own, so cli.py stays small)."""

# No `from __future__ import annotations`: typer reads these annotations on every run (see cli.py).

from pathlib import Path
from typing import List, Optional

import typer

SourceArgument = typer.Argument(..., metavar="SOURCE", help="The source document (plain text or Markdown).", show_default=False)
PublisherOption = typer.Option(None, "--publisher", metavar="NAME", help="Who published the source.")
PublishedOption = typer.Option(None, "--published", metavar="YYYY-MM-DD", help="When it was published: what 今年, 3月末 and a date of report mean (default: the years the source names).")
PrefixOption = typer.Option(None, "--prefix", metavar="ID", help="Start every fact id with this (default: the subject's English name).")
OutputOption = typer.Option(None, "--output", "-o", metavar="FILE", help="Write the fact file here rather than to standard output.")
ForceOption = typer.Option(False, "--force", help="Let --output replace an existing file.")
MergeOption = typer.Option(None, "--merge", metavar="FILE", help="Append to this fact file only the facts it lacks, its text (comments, hand edits) kept as it is.")
FactsOption = typer.Option(None, "--facts", metavar="PATH", help="Another fact directory or file (repeatable), added to the embedded fact base; replaces the configuration's 'facts'.")
NoDefaultOption = typer.Option(False, "--no-default-facts", help="Do not load the embedded fact base.")
ConfigOption = typer.Option(None, "--config", metavar="FILE", help="Read this configuration file instead of looking for .factcheck.yaml or pyproject.toml from here up.")
NoConfigOption = typer.Option(False, "--no-config", help="Ignore configuration files: defaults and flags only.")


def draft_command(
    source: Path = SourceArgument,
    publisher: Optional[str] = PublisherOption,
    published: Optional[str] = PublishedOption,
    prefix: Optional[str] = PrefixOption,
    output: Optional[Path] = OutputOption,
    force: bool = ForceOption,
    merge: Optional[Path] = MergeOption,
    facts: Optional[List[Path]] = FactsOption,
    no_default_facts: bool = NoDefaultOption,
    config: Optional[Path] = ConfigOption,
    no_config: bool = NoConfigOption,
) -> None:
    """Draft a fact file from a source document, for review: one fact per figure, '# check:' on what to look at.

    Subjects, keywords and unique ids come from the fact base a check would use (its
    gazetteer, glossary and facts); the specs drafted are those the checker confirms,
    so the file passes 'factcheck facts validate' as it is. A summary goes to standard error.

    Example: factcheck facts draft source.txt --published 2020-04-15 -o facts/new-source.yaml
    """
    from .author_output import DraftError, draft_file, options
    from .cli import _flags, _write, fact_dirs, fail, load_settings

    settings = load_settings(config, _flags(facts=facts, default_facts=False if no_default_facts else None), no_config)
    dirs = fact_dirs(list(settings.facts), not settings.default_facts)
    try:
        result = draft_file(source, dirs, options(publisher, published, prefix), output, force, merge)
    except DraftError as exc:
        fail(str(exc))
    if result.text is not None:
        _write(result.text)
    typer.echo(result.summary, err=True)
