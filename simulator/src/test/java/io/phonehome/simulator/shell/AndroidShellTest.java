package io.phonehome.simulator.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.phonehome.simulator.firmware.FirmwareProfile;
import io.phonehome.simulator.state.Identity;
import io.phonehome.simulator.state.PhoneState;
import io.phonehome.simulator.state.VirtualFs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

public class AndroidShellTest {
  private static final String FINGERPRINT =
      "Xiaomi/armani/armani:4.3/JLS36C/KXDMICF:user/release-keys";

  private PhoneState state;
  private AndroidShell shell;
  private final AtomicInteger reboots = new AtomicInteger();

  @BeforeMethod
  public void newPhone() {
    FirmwareProfile profile = new FirmwareProfile(Path.of("test.yaml"),
        new FirmwareProfile.Build("MIUI-V5-2014.08", FINGERPRINT),
        Map.of("secure:cloud_sync", "1"), Map.of(), List.of());
    state = new PhoneState(profile, new Identity(Map.of("serial", "4df1e9a2"), List.of()));
    reboots.set(0);
    shell = new AndroidShell(state, reboots::incrementAndGet);
  }

  private String out(String line) {
    return shell.run(line).output();
  }

  private Shell.Result run(String line) {
    return shell.run(line);
  }

  private String file(String path) {
    return new String(state.fs().read(path).orElseThrow().content(), StandardCharsets.UTF_8);
  }

  // getprop / setprop

  @Test
  public void getprop_lists_every_property_sorted_in_brackets() {
    String all = out("getprop");

    assertThat(all).contains("[ro.build.fingerprint]: [" + FINGERPRINT + "]\n")
        .contains("[ro.serialno]: [4df1e9a2]\n");
    List<String> lines = all.lines().toList();
    assertThat(lines).isSorted().allMatch(l -> l.matches("\\[[^]]+]: \\[.*]"));
  }

  @Test
  public void getprop_key_prints_the_value_or_an_empty_line() {
    assertThat(out("getprop ro.build.fingerprint")).isEqualTo(FINGERPRINT + "\n");
    assertThat(out("getprop no.such.prop")).isEqualTo("\n");
    assertThat(out("getprop no.such.prop fallback")).isEqualTo("fallback\n");
  }

  @Test
  public void setprop_sets_and_refuses_to_change_read_only_properties() {
    assertThat(run("setprop debug.lab 1").exitCode()).isZero();
    assertThat(out("getprop debug.lab")).isEqualTo("1\n");
    assertThat(out("setprop ro.build.fingerprint x")).isEqualTo("could not set property\n");
    assertThat(out("getprop ro.build.fingerprint")).isEqualTo(FINGERPRINT + "\n");
  }

  // settings

  @Test
  public void settings_get_of_an_unset_key_prints_null() {
    assertThat(out("settings get global http_proxy")).isEqualTo("null\n");
  }

  @Test
  public void settings_put_then_get_round_trips_the_proxy_the_way_the_harness_sets_it() {
    assertThat(out("settings put global http_proxy 127.0.0.1:8080")).isEmpty();
    assertThat(out("settings get global http_proxy")).isEqualTo("127.0.0.1:8080\n");
    assertThat(state.settings().get("global", "http_proxy")).isEqualTo("127.0.0.1:8080");

    assertThat(out("settings put global http_proxy :0")).isEmpty();
    assertThat(out("settings get global http_proxy")).isEqualTo(":0\n");
  }

  @Test
  public void settings_list_prints_key_equals_value_sorted() {
    out("settings put secure android_id 9774d56d682e549c");

    assertThat(out("settings list secure"))
        .isEqualTo("android_id=9774d56d682e549c\ncloud_sync=1\n");
  }

  @Test
  public void settings_delete_removes_and_reports_rows() {
    assertThat(out("settings delete secure cloud_sync")).isEqualTo("Deleted 1 rows\n");
    assertThat(out("settings get secure cloud_sync")).isEqualTo("null\n");
  }

  @Test
  public void settings_with_a_bad_namespace_prints_androids_error_and_usage() {
    Shell.Result r = run("settings get private cloud_sync");

    assertThat(r.output()).startsWith("Invalid namespace 'private'\nusage:  settings [--user NUM] get");
    assertThat(r.exitCode()).isNotZero();
  }

  @Test
  public void settings_namespace_is_case_insensitive() {
    assertThat(out("settings get SECURE cloud_sync")).isEqualTo("1\n");
  }

  // pm, id, whoami, echo, logcat

  @Test
  public void pm_list_packages_prints_package_lines() {
    String out = out("pm list packages");

    assertThat(out.lines()).contains("package:com.android.settings", "package:com.xiaomi.account")
        .allMatch(l -> l.startsWith("package:"));
    assertThat(out("pm list packages xiaomi").lines()).allMatch(l -> l.contains("xiaomi"));
    assertThat(out("pm list packages -f settings"))
        .contains("package:/system/app/Settings.apk=com.android.settings\n");
  }

  @Test
  public void id_shows_the_shell_user_and_root_under_su() {
    assertThat(out("id")).isEqualTo("uid=2000(shell) gid=2000(shell) groups=2000(shell),"
        + "1004(input),1007(log),1011(adb),1015(sdcard_rw),1028(sdcard_r),3001(net_bt_admin),"
        + "3002(net_bt),3003(inet),3006(net_bw_stats) context=u:r:shell:s0\n");
    assertThat(out("su -c id")).startsWith("uid=0(root) gid=0(root)");
    assertThat(out("su 0 id")).startsWith("uid=0(root)");
    assertThat(out("su root whoami")).isEqualTo("root\n");
    assertThat(out("whoami")).isEqualTo("shell\n");
  }

  @Test
  public void echo_joins_its_arguments() {
    assertThat(out("echo a   b 'c  d'")).isEqualTo("a b c  d\n");
    assertThat(out("echo -n x")).isEqualTo("x");
  }

  @Test
  public void logcat_dump_prints_threadtime_lines() {
    List<String> lines = out("logcat -d").lines().filter(l -> !l.startsWith("---")).toList();

    assertThat(lines).isNotEmpty().allMatch(l -> l.matches(
        "\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} +\\d+ +\\d+ [VDIWEF] [^:]+: .*"));
  }

  // quoting and sequences

  @Test
  public void quotes_and_backslashes_group_words_as_sh_does() {
    assertThat(out("echo \"a 'b'\" 'c \"d\"' e\\ f")).isEqualTo("a 'b' c \"d\" e f\n");
    assertThat(out("echo \"\\\"q\\\"\"")).isEqualTo("\"q\"\n");
  }

  @Test
  public void variables_expand_outside_single_quotes() {
    assertThat(out("echo $USER '$USER' \"${USER}x\"")).isEqualTo("shell $USER shellx\n");
    assertThat(out("false; echo $?")).isEqualTo("1\n");
  }

  @Test
  public void and_or_and_semicolon_sequence_like_sh() {
    assertThat(out("true && echo yes || echo no")).isEqualTo("yes\n");
    assertThat(out("false && echo yes || echo no")).isEqualTo("no\n");
    assertThat(out("echo a; echo b")).isEqualTo("a\nb\n");
    assertThat(run("echo a; false").exitCode()).isEqualTo(1);
  }

  @Test
  public void exit_stops_the_line_with_its_status() {
    Shell.Result r = run("echo a; exit 3; echo b");

    assertThat(r.output()).isEqualTo("a\n");
    assertThat(r.exitCode()).isEqualTo(3);
  }

  @Test
  public void sh_c_runs_a_nested_line() {
    assertThat(out("sh -c 'echo one && echo two'")).isEqualTo("one\ntwo\n");
  }

  @Test
  public void pipes_feed_output_to_the_next_command() {
    assertThat(out("echo hello | cat")).isEqualTo("hello\n");
  }

  @Test
  public void unknown_command_is_not_found_with_status_127() {
    Shell.Result r = run("foo bar");

    assertThat(r.output()).isEqualTo("/system/bin/sh: foo: not found\n");
    assertThat(r.exitCode()).isEqualTo(127);
  }

  @Test
  public void unterminated_quote_is_a_syntax_error() {
    Shell.Result r = run("echo 'oops");

    assertThat(r.output()).isEqualTo("/system/bin/sh: no closing quote\n");
    assertThat(r.exitCode()).isEqualTo(1);
  }

  @Test
  public void commands_may_be_named_by_their_system_path() {
    assertThat(out("/system/bin/getprop ro.product.model")).isEqualTo("armani\n");
  }

  // files

  @Test
  public void redirection_writes_and_appends_files_cat_reads_them() {
    out("echo one > /data/local/tmp/f; echo two >> /data/local/tmp/f");

    assertThat(file("/data/local/tmp/f")).isEqualTo("one\ntwo\n");
    assertThat(out("cat /data/local/tmp/f")).isEqualTo("one\ntwo\n");
  }

  @Test
  public void cat_of_a_missing_file_says_so() {
    Shell.Result r = run("cat /x");

    assertThat(r.output()).isEqualTo("cat: /x: No such file or directory\n");
    assertThat(r.exitCode()).isEqualTo(1);
  }

  @Test
  public void stderr_redirects_to_dev_null_or_to_stdout() {
    assertThat(out("cat /x 2>/dev/null")).isEmpty();
    assertThat(out("cat /x > /dev/null 2>&1")).isEmpty();
    out("cat /x > /sdcard/log 2>&1");
    assertThat(file("/sdcard/log")).isEqualTo("cat: /x: No such file or directory\n");
  }

  @Test
  public void writing_to_system_without_su_fails_read_only() {
    Shell.Result r = run("echo x > /system/etc/hosts");

    assertThat(r.output()).isEqualTo("/system/bin/sh: can't create /system/etc/hosts: Read-only file system\n");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(state.fs().exists("/system/etc/hosts")).isFalse();
  }

  @Test
  public void writing_outside_the_shell_users_directories_is_denied() {
    assertThat(out("echo x > /data/system/x"))
        .isEqualTo("/system/bin/sh: can't create /data/system/x: Permission denied\n");
    assertThat(out("su -c 'echo x > /data/system/x'")).isEmpty();
  }

  @Test
  public void mount_remount_needs_su() {
    Shell.Result r = run("mount -o rw,remount /system");

    assertThat(r.output()).isEqualTo("mount: Operation not permitted\n");
    assertThat(r.exitCode()).isNotZero();
    assertThat(shell.access().systemWritable()).isFalse();
  }

  @Test
  public void installs_and_removes_the_lab_ca_exactly_as_the_harness_does() {
    state.fs().write("/data/local/tmp/9a5ba575.0", "PEM".getBytes(), 0666);
    String ca = VirtualFs.SYSTEM_CA_DIR + "/9a5ba575.0";

    Shell.Result install = run("su -c 'mount -o rw,remount /system && cp /data/local/tmp/9a5ba575.0 "
        + ca + " && chmod 644 " + ca + "'");

    assertThat(install.output()).isEmpty();
    assertThat(install.exitCode()).isZero();
    assertThat(file(ca)).isEqualTo("PEM");
    assertThat(state.fs().read(ca).orElseThrow().mode()).isEqualTo(0644);
    assertThat(out("mount")).contains(" /system ext4 rw,");

    Shell.Result remove = run("su -c 'rm " + ca + "'");
    assertThat(remove.output()).isEmpty();
    assertThat(state.fs().exists(ca)).isFalse();
  }

  @Test
  public void cp_into_system_without_remount_fails_even_as_root() {
    state.fs().write("/data/local/tmp/x", "x".getBytes(), 0644);

    assertThat(out("su -c 'cp /data/local/tmp/x /system/etc/x'"))
        .isEqualTo("cp: /system/etc/x: Read-only file system\n");
  }

  @Test
  public void system_writes_after_remount_are_still_denied_to_the_shell_user() {
    out("su -c 'mount -o rw,remount /system'");

    assertThat(out("echo x > /system/x"))
        .isEqualTo("/system/bin/sh: can't create /system/x: Permission denied\n");
  }

  @Test
  public void ls_lists_names_and_long_format() {
    state.fs().write("/data/local/tmp/a.txt", "abc".getBytes(), 0644);
    state.fs().mkdirs("/data/local/tmp/sub");

    assertThat(out("ls /data/local/tmp")).isEqualTo("a.txt\nsub\n");
    List<String> longLines = out("ls -l /data/local/tmp").lines().toList();
    assertThat(longLines.get(0)).matches(
        "-rw-r--r-- shell +shell +3 \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d a\\.txt");
    assertThat(longLines.get(1)).startsWith("drwxr-xr-x ").endsWith(" sub");
    assertThat(out("ls /nope")).isEqualTo("/nope: No such file or directory\n");
  }

  @Test
  public void rm_reports_missing_files_unless_forced() {
    assertThat(out("rm /sdcard/none")).isEqualTo("rm failed for /sdcard/none, No such file or directory\n");
    assertThat(run("rm -f /sdcard/none").exitCode()).isZero();
    assertThat(out("rm -f /sdcard/none")).isEmpty();
  }

  @Test
  public void mv_moves_and_mkdir_creates_directories() {
    out("mkdir -p /sdcard/a/b && echo x > /sdcard/a/b/f && mv /sdcard/a/b/f /sdcard/a/g");

    assertThat(state.fs().isDirectory("/sdcard/a/b")).isTrue();
    assertThat(state.fs().exists("/sdcard/a/b/f")).isFalse();
    assertThat(file("/sdcard/a/g")).isEqualTo("x\n");
    assertThat(out("mkdir /sdcard/a")).isEqualTo("mkdir failed for /sdcard/a, File exists\n");
    assertThat(out("mkdir /sdcard/x/y"))
        .isEqualTo("mkdir failed for /sdcard/x/y, No such file or directory\n");
  }

  @Test
  public void chmod_sets_octal_modes_and_reports_missing_files() {
    out("echo x > /sdcard/f");
    out("chmod 600 /sdcard/f");

    assertThat(state.fs().read("/sdcard/f").orElseThrow().mode()).isEqualTo(0600);
    assertThat(out("chmod 644 /sdcard/none"))
        .isEqualTo("Unable to chmod /sdcard/none: No such file or directory\n");
  }

  @Test
  public void cd_changes_where_relative_paths_resolve() {
    out("echo x > /sdcard/f");

    assertThat(out("cd /sdcard && cat f && pwd")).isEqualTo("x\n/sdcard\n");
  }

  @Test
  public void reboot_asks_the_handset_to_reboot() {
    assertThat(run("reboot").exitCode()).isZero();
    assertThat(reboots.get()).isEqualTo(1);
  }

  @Test
  public void installed_programs_run_by_name_and_system_path() {
    shell.install("dumpsys", (args, stdin, root) ->
        ShellProgram.Output.text("args=" + args + " root=" + root + "\n", 0));

    assertThat(out("dumpsys wifi")).isEqualTo("args=[wifi] root=false\n");
    assertThat(out("su -c '/system/bin/dumpsys'")).isEqualTo("args=[] root=true\n");
  }

  @Test
  public void binary_output_passes_through_unchanged() {
    byte[] pcap = {(byte) 0xd4, (byte) 0xc3, (byte) 0xb2, (byte) 0xa1, 0, (byte) 0xff, 10, 13};
    shell.install("tcpdump", (args, stdin, root) -> new ShellProgram.Output(pcap, "", 0));
    state.fs().write("/sdcard/x.bin", pcap, 0644);

    assertThat(shell.runBinary("su -c 'tcpdump -w -'", false).output()).isEqualTo(pcap);
    assertThat(shell.runBinary("cat /sdcard/x.bin", false).output()).isEqualTo(pcap);
    shell.runBinary("cat /sdcard/x.bin | cat > /sdcard/y.bin", false);
    assertThat(state.fs().read("/sdcard/y.bin").orElseThrow().content()).isEqualTo(pcap);
  }

  @Test
  public void command_substitution_inserts_output_without_trailing_newlines() {
    assertThat(out("echo sdk=$(getprop ro.build.version.sdk)")).isEqualTo("sdk=18\n");
    assertThat(out("echo \"`whoami`@$(getprop ro.product.device)\"")).isEqualTo("shell@armani\n");
    assertThat(out("su -c 'echo $(id -u)'")).isEqualTo("0\n");
  }

  @Test
  public void interactive_shell_keeps_state_and_su_switches_to_root_until_exit() {
    InteractiveShell session = shell.interactive();

    assertThat(session.prompt()).isEqualTo("shell@armani:/ $ ");
    session.line("cd /sdcard");
    assertThat(session.prompt()).isEqualTo("shell@armani:/sdcard $ ");
    session.line("su");
    assertThat(session.prompt()).isEqualTo("root@armani:/sdcard # ");
    assertThat(new String(session.line("id -u"), StandardCharsets.UTF_8)).isEqualTo("0\n");
    session.line("exit");
    assertThat(new String(session.line("whoami"), StandardCharsets.UTF_8)).isEqualTo("shell\n");
    assertThat(session.ended()).isFalse();
    session.line("exit");
    assertThat(session.ended()).isTrue();
  }

  @Test
  public void a_script_that_runs_itself_stops_instead_of_overflowing() {
    state.fs().write("/sdcard/loop.sh", "sh /sdcard/loop.sh".getBytes(), 0755);

    Shell.Result r = run("sh /sdcard/loop.sh");

    assertThat(r.output()).isEqualTo("/system/bin/sh: too many nested shells\n");
    assertThat(r.exitCode()).isEqualTo(2);
  }

  @Test
  public void a_failing_program_reports_and_the_shell_goes_on() {
    shell.install("crash", (args, stdin, root) -> {
      throw new IllegalStateException("boom");
    });

    Shell.Result r = run("crash; echo after");

    assertThat(r.output()).isEqualTo("crash: java.lang.IllegalStateException: boom\nafter\n");
  }
}
