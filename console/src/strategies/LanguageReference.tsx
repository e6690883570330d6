// A short reference of the rule language beside the editor (the grammar is at the top of
// src/strategies/language/parser.ts; the functions are checked in check.ts).
import { Panel } from '../shared/ui';
import { SourceView } from './CodeLines';

const EXAMPLE = `# a policy, the events it reads
policy spam
on comment, content.created
let recent = count(comment,
  by: author, window: 10m)
rule "burst"
  when recent >= 5
   and author.follower_count < 100
  then remove, strike author,
       enqueue "general" priority 60`;

export function LanguageReference() {
  return (
    <Panel title="Rule language" className="language-ref">
      <SourceView src={EXAMPLE} />
      <dl className="attrs small">
        <div className="attr">
          <dt>rules</dt>
          <dd>The first rule whose condition holds decides; its actions land on the event's item unless a role is named (author, target…).</dd>
        </div>
        <div className="attr">
          <dt>values</dt>
          <dd>
            <code>event.text</code>, <code>event.time</code>, roles and their fields (<code>author.follower_count</code>), <code>attrs.&lt;name&gt;</code>, numbers, durations (<code>10m</code>,{' '}
            <code>7d</code>), strings, lists <code>[…]</code>
          </dd>
        </div>
        <div className="attr">
          <dt>functions</dt>
          <dd>
            <code>hits(policy:, package:, severity:)</code> material hits; <code>count</code>, <code>sum(of:)</code>, <code>distinct(of:)</code>, <code>rate</code> with <code>by:</code>{' '}
            <code>window:</code> <code>where:</code>; <code>signal("model")</code>, <code>list("id")</code>, <code>has_label</code>, <code>age</code>, <code>prior(role, action:, window:)</code>,{' '}
            <code>lower upper length contains starts_with ends_with matches</code>, <code>abs round floor ceil min max hour weekday exists</code>
          </dd>
        </div>
        <div className="attr">
          <dt>actions</dt>
          <dd>
            <code>allow block remove limit_reach age_gate demonetize interrupt suspend strike label unlabel enqueue notify</code>, with <code>for 1d</code>, <code>priority 80</code>,{' '}
            <code>reason "…"</code>
          </dd>
        </div>
      </dl>
    </Panel>
  );
}
