package io.firelake.sam;

import io.firelake.glue.BatchViewsJob;
import io.firelake.glue.CompactionJob;
import io.firelake.glue.job.JobArguments;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each Glue job of the template passes what its entry point parses: every DefaultArgument is one Glue itself reads or
 * one of the job's own ({@link JobArguments#NAMES}), the job's own required {@code --lake} is there, and
 * {@code --class} names the entry point, a class with a static main.
 *
 * @see <a href="https://docs.aws.amazon.com/glue/latest/dg/aws-glue-programming-etl-glue-arguments.html">Glue job parameters</a>
 */
class GlueJobArgumentsTest {

    /** The special parameters of Glue's documentation that the template uses. */
    private static final Set<String> GLUE_PARAMETERS = Set.of("--job-language", "--class", "--extra-jars",
            "--enable-metrics", "--enable-continuous-cloudwatch-log", "--job-bookmark-option", "--TempDir");
    private static final Map<String, String> ENTRY_POINTS = Map.of(
            "CompactionJob", CompactionJob.class.getName(), "BatchViewsJob", BatchViewsJob.class.getName());

    private final SamTemplate template = SamTemplate.deployed();

    @Test
    void everyJobArgumentIsGluesOrParsedByItsEntryPoint() throws Exception {
        assertThat(template.resourcesOfType("AWS::Glue::Job")).containsExactlyInAnyOrderElementsOf(ENTRY_POINTS.keySet());
        for (String job : template.resourcesOfType("AWS::Glue::Job")) {
            Map<String, Object> arguments = SamTemplate.map(template.properties(job).get("DefaultArguments"));
            for (String name : arguments.keySet()) {
                assertThat(GLUE_PARAMETERS.contains(name) || JobArguments.NAMES.contains(name.substring(2)))
                        .as("%s: %s is neither Glue's nor one JobArguments reads", job, name).isTrue();
            }
            assertThat(arguments).as(job).containsKey("--lake").containsEntry("--job-language", "scala")
                    .containsEntry("--class", ENTRY_POINTS.get(job))
                    .containsEntry("--job-bookmark-option", "job-bookmark-disable");
            Class<?> entry = Class.forName(ENTRY_POINTS.get(job));
            assertThat(Modifier.isStatic(entry.getMethod("main", String[].class).getModifiers())).as(job).isTrue();
            assertThat(template.properties(job)).as(job).containsEntry("GlueVersion", "5.0")
                    .doesNotContainKey("Condition");
            assertThat(SamTemplate.map(template.properties(job).get("Command"))).containsEntry("Name", "glueetl");
        }
    }

    @Test
    void theBatchLayerAndItsScheduleAreInEveryStack() {
        assertThat(template.conditions()).doesNotContainKey("DeployGlueJobs");
        for (String id : template.resourcesOfType("AWS::Glue::Trigger")) {
            assertThat(template.resource(id)).as(id).doesNotContainKey("Condition");
        }
        assertThat(template.resourcesOfType("AWS::Glue::Trigger").stream()
                .map(t -> template.properties(t).get("Type"))).containsExactlyInAnyOrder("SCHEDULED", "CONDITIONAL");
        assertThat(template.parameters().get("GlueScriptLocation")).asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.MAP).doesNotContainKey("Default");
    }
}
