"""Akses: government news for KIMs — curation by Diskominfo (/kurasi, /kurasi tambah), each
group's topics (/topik), the latest news (/berita), and "Sudah disebarluaskan" on news items.
"""
