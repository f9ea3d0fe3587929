/** Open-model arrival instants computed from the arrival's index, so schedules never drift. */
package io.salvo.engine.schedule;
