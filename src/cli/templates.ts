// `cobro templates lint [file]`: the contact-law lints over every shipped template, or over a template an org means to save.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { describeFinding, lintShipped, lintTemplate, type LintFinding } from '../compliance/index.ts';
import { templateLintSchema } from '../compliance/lint/schema.ts';

function lintFile(file: string): LintFinding[] {
  const parsed = templateLintSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file}: ${issue?.path.join('.') || 'template'}: ${issue?.message ?? 'is not valid'}`);
  }
  return lintTemplate(parsed.data.language, parsed.data.template_id, parsed.data.template);
}

export function registerTemplates(program: Command): void {
  const t = program.commands.find((c) => c.name() === 'templates') ?? program.command('templates').description('message templates');
  t.command('lint').description('lint the shipped templates, or a template in a JSON file ({ template_id, language, template }); exits 3 on findings')
    .argument('[file]', 'a template to lint before saving it').option('--json', 'print JSON')
    .action((file: string | undefined, o: { json?: boolean }) => {
      const findings = file ? lintFile(file) : lintShipped();
      process.stdout.write(o.json ? `${JSON.stringify({ ok: findings.length === 0, findings }, null, 2)}\n`
        : findings.length === 0 ? 'no findings\n' : `${findings.map(describeFinding).join('\n')}\n`);
      if (findings.length > 0) process.exitCode = 3;
    });
}
