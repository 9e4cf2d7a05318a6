-- The generator's parameters, for this transaction
SELECT set_config('dataset.users', %(users)s, true), set_config('dataset.seed', %(seed)s, true)
