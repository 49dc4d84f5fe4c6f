package io.firelake.glue;

import io.firelake.glue.aws.GlueJobNames;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Glue jobs the SAM template declares start classes of this module (their {@code --class} has a static main) and
 * are named as {@code firelake batch --source aws} looks for them.
 */
class GlueEntryPointsTest {

    @Test
    void theTemplatesGlueClassesAreEntryPointsHere() throws Exception {
        String template = Files.readString(Path.of("..", "sam", "template.yaml"));
        List<String> classes = Pattern.compile("'--class':\\s*([\\w.]+)").matcher(template).results()
                .map(m -> m.group(1)).toList();
        assertThat(classes).containsExactlyInAnyOrder(CompactionJob.class.getName(), BatchViewsJob.class.getName());
        for (String name : classes) {
            Method main = Class.forName(name).getMethod("main", String[].class);
            assertThat(Modifier.isStatic(main.getModifiers())).as(name).isTrue();
        }
    }

    @Test
    void theTemplateNamesTheJobsAsBatchStartsThem() throws Exception {
        String template = Files.readString(Path.of("..", "sam", "template.yaml"));
        List<String> names = Pattern.compile("Name: !Sub '\\$\\{AWS::StackName}(-[\\w-]+)'").matcher(template).results()
                .map(m -> "STACK" + m.group(1)).toList();
        GlueJobNames jobs = new GlueJobNames("STACK");
        assertThat(names).contains(jobs.compaction(), jobs.views());
    }
}
