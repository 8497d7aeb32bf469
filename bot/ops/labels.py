"""Indonesian texts of kim-bot doctor, backup and restore (each check: what, and the fix)."""

OK, WARN, FAIL = "OK", "PERINGATAN", "GAGAL"
FIX = "Perbaikan"
SUMMARY = "{failed} gagal, {warned} peringatan, {passed} OK."

TOKEN_OK = "Token bot valid: @{username}"
TOKEN_BAD = "Token bot ditolak server Telegram ({reason})"
TOKEN_FIX = "Salin ulang token dari @BotFather (/mybots → API Token) ke TELEGRAM_BOT_TOKEN."
SERVER_DOWN = "Server Bot API tidak bisa dihubungi ({reason})"
SERVER_FIX = ("Periksa koneksi internet server ini, atau TELEGRAM_API_BASE bila memakai "
              "server Bot API sendiri.")  # fmt: skip
PRIVACY_ON = (
    "Mode privasi bot aktif: di grup tempat bot bukan admin, bot hanya membaca perintah dan balasan"
)
PRIVACY_OFF = "Mode privasi bot mati: bot membaca semua pesan grup"
PRIVACY_FIX = ("Cukup untuk pendaftaran dan siaran. Agar Diskusi menghitung semua pesan, jadikan "
               "bot admin di grup KIM, atau @BotFather → /setprivacy → Disable.")  # fmt: skip
ADMINS_NONE = "KIM_ADMIN_IDS kosong: tidak ada yang bisa memverifikasi KIM"
ADMINS_OK = "Admin Diskominfo: {count} orang"
ADMINS_FIX = "Isi KIM_ADMIN_IDS dengan ID Telegram admin (ID terlihat saat mengetik /start ke bot)."
DESK_NONE = "KIM_DESK_CHAT_ID kosong: pendaftaran dan aspirasi dikirim ke chat pribadi admin"
DESK_NONE_FIX = (
    "Buat grup meja Diskominfo, tambahkan bot, lalu isi KIM_DESK_CHAT_ID (angka negatif)."
)
DESK_GONE = "Grup meja {chat} tidak bisa dijangkau ({reason})"
DESK_GONE_FIX = "Tambahkan bot ke grup meja dan periksa KIM_DESK_CHAT_ID (ID grup, angka negatif)."
DESK_NOT_ADMIN = "Bot bukan admin di grup meja {title}"
DESK_NOT_ADMIN_FIX = ("Grup meja → Kelola grup → Administrator → Tambah admin → pilih bot, agar "
                      "bot membaca catatan dan balasan di sana.")  # fmt: skip
DESK_OK = "Grup meja {title}: bot admin"
KIMS_NONE = "Belum ada grup KIM yang terhubung"
GROUP_GONE = "Grup KIM {name}: bot tidak bisa menjangkau grupnya ({reason})"
GROUP_GONE_FIX = "Minta admin grup menambahkan bot lagi, atau hapus KIM itu dari daftar."
GROUP_LEFT = "Grup KIM {name}: bot bukan anggota lagi ({status})"
GROUP_MEMBER = "Grup KIM {name}: bot anggota biasa (bukan admin)"
GROUP_MEMBER_FIX = ("Bisa jalan dengan balasan pesan bot. Untuk Diskusi penuh: Kelola grup → "
                    "Administrator → tambahkan bot dengan hak {rights}.")  # fmt: skip
GROUP_MISSING = "Grup KIM {name}: bot admin tanpa hak {rights}"
GROUP_MISSING_FIX = "Di grup {name}: Kelola grup → Administrator → bot → aktifkan {rights}."
GROUP_OK = "Grup KIM {name}: bot admin dengan hak yang diperlukan"
RIGHTS = {"can_pin_messages": "“Sematkan pesan”", "can_manage_topics": "“Kelola topik”",
          "can_delete_messages": "“Hapus pesan”"}  # fmt: skip
FEEDS_NONE = "feeds.yaml tidak berisi sumber berita yang bisa dipakai ({path})"
FEEDS_NONE_FIX = "Periksa dengan `kim-bot feeds check`; perbaiki baris yang disebutkan."
FEED_OK = "Sumber berita {name}: HTTP {status}"
FEED_BAD = "Sumber berita {name} tidak bisa diambil ({reason})"
FEED_BAD_FIX = "Buka {url} di peramban; ganti alamatnya di feeds.yaml bila sudah pindah."
DB_OK = "Basis data {path}: bisa ditulis, pemeriksaan integritas ok (skema versi {version})"
DB_BAD = "Basis data {path}: {reason}"
DB_FIX = ("Hentikan bot, pulihkan cadangan terakhir dengan `kim-bot restore BERKAS`, lalu "
          "jalankan lagi.")  # fmt: skip
DB_MISSING = "Basis data {path} belum ada"
DB_MISSING_FIX = (
    "Dibuat otomatis saat `kim-bot run` pertama; periksa KIM_DB_PATH bila seharusnya sudah ada."
)
DB_LOCKED = "tidak bisa ditulis (izin berkas, atau disk penuh)"
TZ_OK = "Zona waktu {zone}: sekarang {now}"
TZ_HOST = "Zona waktu {zone}: sekarang {now}; jam server ini {host} (UTC)"
DISK_OK = "Ruang disk di {folder}: {free} GB kosong"
DISK_LOW = "Ruang disk di {folder} tinggal {free} MB"
DISK_FIX = "Kosongkan disk (log lama, cadangan lama) atau pindahkan KIM_DB_PATH ke disk lain."

BACKUP_DONE = "Cadangan dibuat: {path} ({size} KB, skema versi {version}, integritas ok)."
BACKUP_EXISTS = "{path} sudah ada; pilih nama berkas lain (cadangan tidak menimpa berkas)."
BACKUP_NO_DB = "Basis data {path} belum ada; tidak ada yang dicadangkan."
BACKUP_FAILED = "Cadangan gagal: {reason}"
RESTORE_MISSING = "Berkas {path} tidak ada."
RESTORE_NOT_SQLITE = "{path} bukan basis data SQLite; tidak ada yang diubah."
RESTORE_CORRUPT = "{path} rusak (integrity_check: {reason}); tidak ada yang diubah."
RESTORE_FOREIGN = ("{path} bukan basis data KIM Hub yang bisa dipakai versi ini (skema versi "
                   "{version}); tidak ada yang diubah.")  # fmt: skip
RESTORE_DONE = "Dipulihkan dari {path}. Basis data sebelumnya disimpan di {saved}."
