/*
 * lock.h - one run at a time.
 *
 * An flock() on a file beside the database.  The kernel drops the lock when
 * the holder dies, so a lock left by a killed run never blocks the next.
 */
#ifndef IIREVIEW_LOCK_H
#define IIREVIEW_LOCK_H

/*
 * Take the lock for db_path (file db_path + ".lock") without waiting.
 * Returns a descriptor (>= 0), -2 when another process holds it, -1 on an
 * error (printed).  The descriptor is inherited by child stage processes,
 * which then need not lock again; release with lock_release().
 */
int lock_take(const char *db_path);
void lock_release(int fd);

#endif
