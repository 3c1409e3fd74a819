/** Restores a backup written by scripts/backup.ts; see there. */
import './backup.ts'
