"""`medleaf serve`: the counter's web application (a stage after publish).

config.py (what a server is started with, and whether it may start), catalog.py (the
leaflets as the page lists them), workers.py (the pool of warm render processes), jobs.py
(what a worker renders), memory.py (the leaflets served last, in memory), security.py
(token, cross-site and header guards), messages.py (error messages in the page's
language), api.py (the JSON and PDF endpoints), openapi.py (their description), page.py
(the pharmacist's page), app.py (all of it as one Starlette application).
"""
