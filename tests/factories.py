"""Registry of test factories for shared models, used by the generated permission and IDOR tests.

Each app's ``tests/<app>/factories.py`` registers a factory per shared model:

    @factory(Document)
    def make_document(cast, *, owner, visibility="private", created_by=None, shared_with=()):
        ...return the saved object

The factory must accept ``owner``, ``visibility``, ``created_by`` and ``shared_with``.
"""

FACTORIES: dict = {}


def factory(model):
    def decorator(fn):
        FACTORIES[model] = fn
        return fn

    return decorator


def make(model, cast, **kwargs):
    return FACTORIES[model](cast, **kwargs)
