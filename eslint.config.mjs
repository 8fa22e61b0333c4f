import nx from '@nx/eslint-plugin';

// I/O packages that a pure domain or contracts library must never import.
const IO_PACKAGES = [
  'mongoose', 'mongodb', 'kafkajs', 'bullmq', 'ioredis', '@nestjs/*', 'express',
  'fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'net', 'node:net', 'http', 'node:http',
  'child_process', 'node:child_process',
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/dist', '**/node_modules', '.infra/**', '.nx/**', 'tools/infra/**'] },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain'], bannedExternalImports: IO_PACKAGES },
            {
              sourceTag: 'type:contracts',
              onlyDependOnLibsWithTags: ['type:contracts', 'type:domain'],
              bannedExternalImports: IO_PACKAGES,
            },
            { sourceTag: 'type:infra', onlyDependOnLibsWithTags: ['type:infra', 'type:contracts', 'type:domain', 'type:testing'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:testing', 'type:infra', 'type:contracts', 'type:domain'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:infra', 'type:contracts', 'type:domain', 'type:testing'] },
            // A shared library never depends on a service's own model (libs/certification is scope:applications: ADR 0019).
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:applications', onlyDependOnLibsWithTags: ['scope:applications', 'scope:shared', 'type:contracts'] },
            { sourceTag: 'scope:evidence-review', onlyDependOnLibsWithTags: ['scope:evidence-review', 'scope:shared', 'type:contracts'] },
            { sourceTag: 'scope:scoring', onlyDependOnLibsWithTags: ['scope:scoring', 'scope:shared', 'type:contracts'] },
            { sourceTag: 'scope:certificates', onlyDependOnLibsWithTags: ['scope:certificates', 'scope:shared', 'type:contracts'] },
            { sourceTag: 'scope:console', onlyDependOnLibsWithTags: ['scope:console', 'scope:shared', 'type:contracts'] },
            { sourceTag: 'scope:directory', onlyDependOnLibsWithTags: ['scope:directory', 'scope:shared', 'type:contracts'] },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/testing/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
];
