"""Aspirasi: citizens' aspirations as tracked tickets (ASP-YYMM-NNNN), carried by the desk of
Diskominfo to the OPD that decide, with every change of status sent back to the citizen.
"""
