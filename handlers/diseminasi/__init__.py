"""Diseminasi: Diskominfo's broadcasts to KIM groups — /siaran composes one (now, at a time, or
recurring), /jadwal pauses, resumes and cancels them, and "Sudah disebarluaskan" records receipts.
"""
