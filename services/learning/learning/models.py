from shared.db import make_base

Base = make_base("learning")
