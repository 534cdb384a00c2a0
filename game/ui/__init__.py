"""The pygame interface: one async loop, a scene stack, input mapped in one place.

Only reads the core's views and sends it commands; no game rules live here.
"""
