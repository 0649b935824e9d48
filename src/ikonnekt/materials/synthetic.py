"""A synthetic green-waste cost game of n municipalities (benchmark and tests; no real data).

Each municipality has two collection points of 200–900 t/a in the Landkreis Saarlouis area; plants: a
third-party plant (EVS-like, gate fee), two existing own plants of municipalities (fixed costs with
their owners), a candidate site anyone may build and a candidate site of one municipality. Capacities
are chosen so that they bind for larger coalitions (the hard case for the fast method).
"""

import numpy as np

from ikonnekt.materials import allocation, coalitions


def game(n=13, seed=13, single_source=False):
    rng = np.random.default_rng(seed)
    names = [f"Gemeinde {i + 1:02d}" for i in range(n)]
    points = [
        allocation.Point(
            f"p{i}-{k}", f"Platz {i}-{k}", names[i], float(rng.uniform(200, 900)),
            float(rng.uniform(49.2, 49.5)), float(rng.uniform(6.5, 7.0)),
        )
        for i in range(n)
        for k in range(2)
    ]  # fmt: skip

    def site():
        return float(rng.uniform(49.25, 49.45)), float(rng.uniform(6.6, 6.9))

    plants = [
        allocation.Plant("evs", "Drittanlage (EVS-artig)", 40000, gate_fee=48, lat=49.26, lon=6.89),
        allocation.Plant("o1", "Eigene Anlage 1", 3000, gate_fee=18, fixed_cost=25000, owner=names[0],
                         lat=site()[0], lon=site()[1]),
        allocation.Plant("o2", "Eigene Anlage 2", 2500, gate_fee=22, fixed_cost=18000, owner=names[min(5, n - 1)],
                         lat=site()[0], lon=site()[1]),
        allocation.Plant("c1", "Kandidat gemeinsam", 5000, gate_fee=12, fixed_cost=60000, candidate=True,
                         lat=site()[0], lon=site()[1]),
        allocation.Plant("c2", "Kandidat Gemeinde", 4000, gate_fee=14, fixed_cost=45000, candidate=True,
                         owner=names[min(9, n - 1)], lat=site()[0], lon=site()[1]),
    ]  # fmt: skip
    options = allocation.Options(single_source=single_source)
    km = allocation.build(points, plants, options).km
    return coalitions.build_game(points, plants, options, km)
