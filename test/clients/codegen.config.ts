import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'https://exchange.example.nl/schema.graphql',
  documents: ['src/**/*.graphql'],
  generates: {
    'src/generated/exchange.ts': {
      plugins: ['typescript-operations'],
      config: {
        strictScalars: true,
        scalars: {
          Date: 'string',
          DateTime: 'string',
          Decimal: { input: 'string | number', output: 'string' },
          Money: 'string',
          JSONObject: 'Record<string, unknown>',
          Upload: { input: 'Blob', output: 'never' },
        },
      },
    },
  },
};

export default config;
