import jsxA11y from 'eslint-plugin-jsx-a11y';
import root from '../../eslint.config.mjs';

// The workspace rules, plus accessibility checks of the console's JSX (labels, roles, keyboard use).
export default [
  ...root,
  { ...jsxA11y.flatConfigs.recommended, files: ['**/*.tsx'] },
];
