"""Plain, frozen records that the Store returns (never database rows or Telegram objects).

One module per activity (registrasi, akses, diseminasi) and one for people and roles.
"""
