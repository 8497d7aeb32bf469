"""Registrasi: a Telegram group becomes a KIM — /daftar, verification by the Diskominfo desk
(/verifikasi, Verifikasi / Tolak), and its members (/gabung, /keluar, /anggota, /profil, /jabatan).
"""
