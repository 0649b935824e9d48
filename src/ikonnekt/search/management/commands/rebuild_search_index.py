import time

from django.core.management.base import BaseCommand

from ikonnekt.search import indexer
from ikonnekt.search.registry import specs


class Command(BaseCommand):
    help = "Rebuild the full-text search index of every registered model (or --model app.model)."

    def add_arguments(self, parser):
        parser.add_argument("--model", action="append", help="only this model, e.g. documents.document")

    def handle(self, *args, **options):
        keys = options["model"]
        unknown = [k for k in keys or [] if k not in specs()]
        if unknown:
            self.stderr.write(
                f"Unknown model(s): {', '.join(unknown)}; registered: {', '.join(sorted(specs()))}"
            )
            return
        start = time.perf_counter()

        def progress(done, total):
            self.stdout.write(f"\r{done}/{total}", ending="")

        count = indexer.rebuild(keys=keys, progress=progress if options["verbosity"] else None)
        self.stdout.write(
            self.style.SUCCESS(f"\nIndexed {count} objects in {time.perf_counter() - start:.1f} s.")
        )
