def seed(session):
    return {}
