/*
 * test_admin_path.c: the admin socket's default directory and the checks on
 * the directory that holds it (control/admin_path.h).
 */
#include "control/admin_path.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char err[512];

/* A fresh directory under /tmp, mode 0700. */
static void scratch(char *out, size_t cap)
{
    snprintf(out, cap, "/tmp/test_admin_path.XXXXXX");
    cr_assert_not_null(mkdtemp(out));
}

Test(admin_path, root_gets_run_cutover)
{
    char dir[256];
    cr_assert(admin_path_default_dir(0, "/run/user/0", dir, sizeof dir, err, sizeof err), "%s",
              err);
    cr_assert_str_eq(dir, "/run/cutover");
}

Test(admin_path, user_gets_xdg_runtime_dir)
{
    char dir[256];
    cr_assert(admin_path_default_dir(1000, "/run/user/1000", dir, sizeof dir, err, sizeof err),
              "%s", err);
    cr_assert_str_eq(dir, "/run/user/1000/cutover");
}

Test(admin_path, user_without_xdg_is_a_clear_error)
{
    char dir[256];
    /* uid 4242 owns no /run/cutover here; an empty or relative XDG_RUNTIME_DIR is ignored. */
    cr_assert_not(admin_path_default_dir(4242, NULL, dir, sizeof dir, err, sizeof err));
    cr_assert(strstr(err, "XDG_RUNTIME_DIR") != NULL && strstr(err, "[admin] socket") != NULL, "%s",
              err);
    cr_assert_not(admin_path_default_dir(4242, "relative", dir, sizeof dir, err, sizeof err));
}

Test(admin_path, missing_dir_is_created_0700)
{
    char base[64], dir[128];
    scratch(base, sizeof base);
    snprintf(dir, sizeof dir, "%s/cutover", base);
    umask(022);
    cr_assert(admin_path_check_dir(dir, geteuid(), true, false, err, sizeof err), "%s", err);
    struct stat st;
    cr_assert(lstat(dir, &st) == 0 && S_ISDIR(st.st_mode));
    cr_assert_eq(st.st_mode & 07777, 0700);
    /* Without `create`, a missing one is an error. */
    snprintf(dir, sizeof dir, "%s/other", base);
    cr_assert_not(admin_path_check_dir(dir, geteuid(), false, true, err, sizeof err));
}

Test(admin_path, group_or_world_writable_is_refused)
{
    char dir[64];
    scratch(dir, sizeof dir);
    chmod(dir, 0777);
    cr_assert_not(admin_path_check_dir(dir, geteuid(), true, false, err, sizeof err));
    cr_assert(strstr(err, "writable by everyone") != NULL, "%s", err);
    chmod(dir, 01777); /* /tmp's mode: the sticky bit does not stop a squatter */
    cr_assert_not(admin_path_check_dir(dir, geteuid(), false, true, err, sizeof err));
    chmod(dir, 0770);
    cr_assert_not(admin_path_check_dir(dir, geteuid(), false, true, err, sizeof err));
    cr_assert(strstr(err, "its group") != NULL, "%s", err);
    chmod(dir, 0755);
    cr_assert(admin_path_check_dir(dir, geteuid(), false, true, err, sizeof err), "%s", err);
}

Test(admin_path, owned_by_someone_else_is_refused)
{
    char dir[64];
    scratch(dir, sizeof dir);
    uid_t other = geteuid() + 1;
    /* The owner as seen by another uid: refused, unless root owns it and may. */
    cr_assert_not(admin_path_check_dir(dir, other, false, geteuid() != 0, err, sizeof err));
    cr_assert(strstr(err, "belongs to uid") != NULL, "%s", err);
    if (geteuid() == 0)
        cr_assert(admin_path_check_dir(dir, other, false, true, err, sizeof err), "%s", err);
}

Test(admin_path, symlink_is_refused)
{
    char dir[64], link[128];
    scratch(dir, sizeof dir);
    snprintf(link, sizeof link, "%s.link", dir);
    cr_assert(symlink(dir, link) == 0);
    cr_assert_not(admin_path_check_dir(link, geteuid(), true, false, err, sizeof err));
    cr_assert(strstr(err, "symbolic link") != NULL, "%s", err);
    unlink(link);
}

Test(admin_path, explicit_path_checks_its_directory)
{
    char dir[64], path[128], out[256];
    scratch(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/admin.sock", dir);
    cr_assert(admin_path_prepare(path, out, sizeof out, err, sizeof err), "%s", err);
    cr_assert_str_eq(out, path);
    chmod(dir, 0777);
    cr_assert_not(admin_path_prepare(path, out, sizeof out, err, sizeof err));
    cr_assert_not(admin_path_prepare("/tmp/cutover-admin.sock", out, sizeof out, err, sizeof err),
                  "the old default, in /tmp, must be refused");
}
