import { Route, Routes } from 'react-router-dom';
import { OutcomesPage } from './OutcomesPage';
import { ScorecardPage } from './ScorecardPage';

/**
 * The scorecard pages: the overview at the page's root and the platform
 * outcomes at `outcomes` below it (e.g. `/scorecard/outcomes`).
 *
 * @internal
 */
export function ScorecardRouter() {
  return (
    <Routes>
      <Route path="/" element={<ScorecardPage />} />
      <Route path="/outcomes" element={<OutcomesPage />} />
    </Routes>
  );
}
