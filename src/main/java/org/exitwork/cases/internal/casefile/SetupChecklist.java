package org.exitwork.cases.internal.casefile;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.exitwork.platform.SetupTask;
import org.springframework.stereotype.Component;

/**
 * The manager's set-up checklist: every module's {@link SetupTask}, in order, each asked whether the
 * organisation's data shows it done. Shown on the manager's overview until every task is done.
 */
@Component
class SetupChecklist {

    record Item(String key, String link, boolean done) {
    }

    record Checklist(List<Item> items) {

        public long done() {
            return items.stream().filter(Item::done).count();
        }

        public boolean complete() {
            return items.stream().allMatch(Item::done);
        }
    }

    private final List<SetupTask> tasks;

    SetupChecklist(List<SetupTask> tasks) {
        this.tasks = tasks.stream().sorted(Comparator.comparingInt(SetupTask::order)).toList();
    }

    Checklist of(UUID organisation) {
        return new Checklist(tasks.stream().map(t -> new Item(t.key(), t.link(), t.isDone(organisation))).toList());
    }
}
