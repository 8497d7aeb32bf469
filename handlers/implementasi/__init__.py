"""Implementasi: a KIM records what it did with information (/implementasi), and the Diskominfo
desk verifies it, asks for a fix, or asks for a follow-up in N weeks."""
