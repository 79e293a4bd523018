package movierec.jobs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class LaunchSettingsTest {
  private record Printed(int code, String out, String err) {}

  private static Printed print(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        LaunchSettings.print(
            args, new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8));
    return new Printed(code, out.toString(UTF_8), err.toString(UTF_8));
  }

  private static String text(String name, String hocon) {
    return name + ":" + Base64.getEncoder().encodeToString(hocon.getBytes(UTF_8));
  }

  @Test
  void printsTheLaunchSettingsOfTheLayeredConfig() {
    Printed p =
        print(
            "--config-text",
            text("app.conf", "launch { driver-memory = 3g\n spark-conf { \"spark.a\" = 1 } }"),
            "--conf",
            "launch.executor-cores=2");
    assertEquals(0, p.code(), p.err());
    List<String> lines = p.out().lines().toList();
    assertTrue(lines.contains("driver-memory=3g"), p.out());
    assertTrue(lines.contains("executor-cores=2"), p.out());
    assertTrue(lines.contains("conf=spark.a=1"), p.out());
    assertTrue(lines.contains("deploy-mode=client"), p.out());
  }

  @Test
  void unsetSettingsAreNotPrintedAndTheMasterIsChecked() {
    Printed defaults = print();
    assertEquals(0, defaults.code(), defaults.err());
    assertEquals(List.of("deploy-mode=client"), defaults.out().lines().toList());

    Printed master = print("--conf", "launch.master=spark://m1:7077,m2:7077");
    assertTrue(master.out().lines().toList().contains("master=spark://m1:7077,m2:7077"));
    Printed typo = print("--conf", "launch.master=spark:/m1:7077");
    assertEquals(2, typo.code());
    assertTrue(typo.err().contains("launch.master"), typo.err());
  }

  @Test
  void clusterModeRefusesPathsRelativeToWhereSubmitRan() {
    List<String> base = new ArrayList<>(List.of("--conf", "launch.deploy-mode=cluster"));
    base.addAll(List.of("--conf", "input.path=data/ml-1m", "--conf", "warehouse.path=/w"));
    Printed relative = print(base.toArray(String[]::new));
    assertEquals(2, relative.code());
    assertTrue(relative.err().contains("input.path = 'data/ml-1m' is relative"), relative.err());
    assertEquals("", relative.out(), "nothing for submit.sh to launch with");

    Printed absolute =
        print(
            "--conf", "launch.deploy-mode=cluster",
            "--conf", "input.path=hdfs://nn:8020/ml-1m",
            "--conf", "warehouse.path=/w");
    assertEquals(0, absolute.code(), absolute.err());
    assertTrue(absolute.out().contains("deploy-mode=cluster"), absolute.out());

    Printed client = print("--conf", "input.path=data/ml-1m");
    assertEquals(0, client.code(), "client mode resolves paths where submit.sh runs");
  }

  @Test
  void badConfigTextIsAUsageError() {
    Printed p = print("--config-text", "app.conf:not*base64");
    assertEquals(2, p.code());
    assertTrue(p.err().contains("--config-text': app.conf: the text is not base64"), p.err());
  }
}
