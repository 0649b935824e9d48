"""Shared state for the demo loaders: every app's ``demo.py`` defines ``load(ctx)``."""

import random
from dataclasses import dataclass, field

from ikonnekt.core.audit import Actor


@dataclass
class DemoContext:
    rng: random.Random
    password_hash: str
    orgs: dict = field(default_factory=dict)
    users: dict = field(default_factory=dict)
    cooperations: dict = field(default_factory=dict)
    log: object = print

    def org(self, slug):
        return self.orgs[slug]

    def user(self, username):
        return self.users[username]

    def actor(self, username: str) -> Actor:
        """The demo user acting for the organisation its name starts with."""
        user = self.users[username]
        slug = username.rsplit("-", 1)[0]
        return Actor(user=user, organisation=self.orgs.get(slug), ip="127.0.0.1")
