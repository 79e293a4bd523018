package movierec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * submit.sh as a user runs it, after the jar is built (Maven's integration-test phase): usage and
 * exit codes. Its full embedded pipeline run (from another working directory, arguments never
 * evaluated) is ClusterIT's local-mode reference run.
 */
class SubmitScriptIT {
  @TempDir Path tmp;

  private Scripts.Result submit(Path cwd, String... args) throws IOException, InterruptedException {
    return Scripts.run(cwd, tmp, Map.of(), 20, "submit.sh", args);
  }

  @Test
  void usageAndExitCodes() throws Exception {
    Scripts.Result none = submit(tmp);
    assertEquals(2, none.code());
    assertTrue(none.err().contains("usage:"), none.err());
    Scripts.Result help = submit(tmp, "--help");
    assertEquals(0, help.code(), help.err());
    for (movierec.jobs.JobRegistry.Entry e : movierec.jobs.JobRegistry.all()) {
      assertTrue(help.out().contains("  " + e.name() + " "), e.name() + "\n" + help.out());
    }
    assertTrue(help.out().contains("--deploy-mode"), "the launcher's own options");
    Scripts.Result jobHelp = submit(tmp, "recommend-for", "--help");
    assertEquals(0, jobHelp.code(), jobHelp.err());
    for (String o : new String[] {"--new-user", "--also-liked", "--run-date", "--env"}) {
      assertTrue(jobHelp.out().contains(o), o + "\n" + jobHelp.out());
    }
    Scripts.Result bogus = submit(tmp, "ingest", "--bogus");
    assertEquals(2, bogus.code());
    assertTrue(bogus.err().contains("Unknown option: '--bogus'"), bogus.err());
    Scripts.Result unknown = submit(tmp, "no-such-job");
    assertEquals(2, unknown.code(), unknown.err());
    assertTrue(unknown.err().contains("unknown job"), unknown.err());
    assertEquals(2, submit(tmp, "ingest", "--run-date", "2026-02-3x").code());
    assertEquals(2, submit(tmp, "ingest", "--deploy-mode", "sideways").code());
    assertEquals(2, submit(tmp, "ingest", "--env", "nowhere").code());
    Scripts.Result noConfig = submit(tmp, "ingest", "--config", "nowhere.conf");
    assertEquals(2, noConfig.code());
    assertTrue(noConfig.err().contains("--config 'nowhere.conf' is not a file"), noConfig.err());
    Scripts.Result badMaster = submit(tmp, "ingest", "--master", "spark:/127.0.0.1");
    assertEquals(2, badMaster.code());
    assertTrue(badMaster.err().contains("is not a Spark master URL"), badMaster.err());
    Scripts.Result badKey = submit(tmp, "ingest", "--conf", "ingest.max-rejects=1");
    assertEquals(2, badKey.code());
    assertTrue(badKey.err().contains("ingest.max-rejects"), badKey.err());
  }

  @Test
  void failingJobExitsNonZeroWithAMessage() throws Exception {
    Scripts.Result r =
        submit(
            tmp,
            "ingest",
            "--conf",
            "input.path=" + tmp.resolve("missing"),
            "--conf",
            "warehouse.path=" + tmp.resolve("wh"));
    assertEquals(1, r.code(), r.err());
    assertTrue(r.err().contains("fetch-data"), r.err());
  }
}
